package io.borealis.api.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code SSLContext}s from PEM files: one setting per program turns a link to HTTPS.
 *
 * <ul>
 *   <li>{@link #server}: a server's identity, its certificate chain (the server's own first,
 *       then intermediates) and its key, as {@code --tls-cert FILE --tls-key FILE} name them.
 *   <li>{@link #trusting}: a client that trusts exactly the CA certificates of one PEM file (a
 *       cluster's {@code ca_file}, a program's {@code --tls-ca FILE}) and checks the server's
 *       host name against its certificate.
 * </ul>
 *
 * <p>Bad files fail at once with an {@link IllegalArgumentException} naming the file and the
 * problem, so that a program refuses to start rather than serving without TLS. Thread-safe and
 * stateless.
 */
public final class Tls {
    private Tls() {}

    /** The identity of a server: the chain in {@code certFile}, the key in {@code keyFile}. */
    public static SSLContext server(Path certFile, Path keyFile) {
        List<X509Certificate> chain = Pem.certificates(certFile, "certificate");
        PrivateKey key = Pem.privateKey(keyFile, "key");
        checkPair(chain.get(0), key, certFile, keyFile);
        try {
            char[] password = "borealis".toCharArray(); // an in-memory store: never written
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keys =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use certificate " + certFile + " with key "
                    + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** A client context that trusts the CA certificates in {@code caFile} and no others. */
    public static SSLContext trusting(Path caFile) {
        List<X509Certificate> authorities = Pem.certificates(caFile, "CA file");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("CA file " + caFile + ": cannot trust it: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The TLS failure behind {@code failure} (anywhere in its causes), described for a person:
     * an untrusted certificate, a host name the certificate does not name, or another handshake
     * problem. Empty when the failure has nothing to do with TLS.
     */
    public static Optional<String> handshakeFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException ssl) {
                return Optional.of(describe(ssl));
            }
        }
        return Optional.empty();
    }

    private static String describe(SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX path") || message.contains("unable to find valid certification")
                || message.contains("certificate_unknown") || message.contains("unknown_ca")) {
            return "its certificate is not signed by a trusted CA";
        }
        if (message.contains("subject alternative") || message.contains("doesn't match")
                || message.contains("No name matching")) {
            return "its certificate does not name this host (" + message + ")";
        }
        if (message.contains("Unsupported or unrecognized SSL message")
                || message.contains("plaintext connection")) {
            return "it does not speak TLS on this port (use http://)";
        }
        return "the TLS handshake failed (" + message + ")";
    }

    /** Fails unless {@code key} is the private half of {@code certificate}'s public key. */
    private static void checkPair(X509Certificate certificate, PrivateKey key, Path certFile,
            Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "borealis".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // A key of another type than the certificate's: reported as a mismatch below.
        }
        throw new IllegalArgumentException("key " + keyFile + " does not belong to certificate "
                + certFile + " (the first certificate must be the server's own)");
    }
}
