/**
 * TLS for every Borealis link, from PEM files: a server's certificate chain and PKCS#8 key
 * ({@link Tls#server}) and the CA certificates a client trusts ({@link Tls#trusting}), turned
 * into {@code SSLContext}s that Jetty servers and {@code ThriftHttp} clients use. One home for
 * reading certificates and for explaining a refused handshake ({@link Tls#handshakeFailure}).
 */
package io.borealis.api.tls;
