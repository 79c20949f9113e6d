package io.borealis.api.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for a test with BouncyCastle: a CA of its own, and a server certificate it
 * signed for {@code localhost}, {@code 127.0.0.1} and this machine's name, written as PEM files
 * the way an operator would get them (certificate chain, PKCS#8 key, CA certificate).
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /**
     * @param ca the CA's certificate, what clients name as {@code ca_file} / {@code --tls-ca}
     * @param cert the server's certificate chain, for {@code --tls-cert}
     * @param key the server's PKCS#8 key, for {@code --tls-key}
     */
    public record Files(Path ca, Path cert, Path key) {
        public Files {
            requireNonNull(ca, "ca is null");
            requireNonNull(cert, "cert is null");
            requireNonNull(key, "key is null");
        }
    }

    private TestCertificates() {}

    /** A new CA and a server certificate it signed, under {@code dir} (created if missing). */
    public static Files create(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            KeyPair caKeys = rsa();
            X500Name caName = new X500Name("CN=Borealis test CA " + SERIAL.incrementAndGet());
            X509v3CertificateBuilder caBuilder = builder(caName, caName, caKeys);
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caBuilder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(caBuilder, caKeys);

            KeyPair serverKeys = rsa();
            X509v3CertificateBuilder serverBuilder =
                    builder(caName, new X500Name("CN=localhost"), serverKeys);
            serverBuilder.addExtension(Extension.basicConstraints, true,
                    new BasicConstraints(false));
            serverBuilder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names().toArray(new GeneralName[0])));
            X509Certificate server = sign(serverBuilder, caKeys);

            Path caFile = dir.resolve("ca.pem");
            Path certFile = dir.resolve("server.pem");
            Path keyFile = dir.resolve("server-key.pem");
            java.nio.file.Files.writeString(caFile, pem(ca));
            java.nio.file.Files.writeString(certFile, pem(server));
            java.nio.file.Files.writeString(keyFile,
                    pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
            return new Files(caFile, certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<GeneralName> names() {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!host.equals("localhost")) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
        } catch (UnknownHostException e) {
            // localhost is enough for tests that connect to localhost.
        }
        return names;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
            KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
