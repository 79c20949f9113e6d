package io.borealis.api.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files with the JDK alone: X.509 certificates ({@code BEGIN CERTIFICATE}) and
 * unencrypted PKCS#8 private keys ({@code BEGIN PRIVATE KEY}, what {@code openssl genpkey} and
 * {@code openssl req -newkey ... -nodes} write). Every failure is an
 * {@link IllegalArgumentException} whose message names the file and what is wrong with it.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** Key files larger than this are not keys; refused before they are read whole. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private Pem() {}

    /** Every certificate in {@code file}, in file order; at least one. */
    static List<X509Certificate> certificates(Path file, String what) {
        String text = read(file, what);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(what + " " + file
                    + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : factory.generateCertificates(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate could be read");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + " " + file + ": not a valid PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    /** The one private key in {@code file}. */
    static PrivateKey privateKey(Path file, String what) {
        String text = read(file, what);
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(file, what, block.group(2));
            }
            if (type.endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException(what + " " + file + ": a " + type
                        + " is not supported; give an unencrypted PKCS#8 key (-----BEGIN PRIVATE"
                        + " KEY-----), e.g. openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem");
            }
        }
        throw new IllegalArgumentException(what + " " + file
                + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(Path file, String what, String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + file + ": the key is not valid "
                    + "base64: " + e.getMessage(), e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm; the next one may read it.
            }
        }
        throw new IllegalArgumentException(what + " " + file
                + ": not an RSA, EC or EdDSA PKCS#8 private key");
    }

    private static String read(Path file, String what) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(what + " " + file + ": no such file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(what + " " + file + ": larger than 1 MiB, "
                        + "not a PEM file");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": cannot read: "
                    + e.getMessage(), e);
        }
    }
}
