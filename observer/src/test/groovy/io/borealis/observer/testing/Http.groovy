package io.borealis.observer.testing

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** A small HTTP client for specs: GETs a raw path (sent exactly as written) from one server. */
class Http {
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build()
    private final URI base

    Http(URI base) {
        this.base = base
    }

    HttpResponse<String> get(String rawPath) {
        client.send(request(rawPath), HttpResponse.BodyHandlers.ofString())
    }

    HttpResponse<byte[]> getBytes(String rawPath) {
        client.send(request(rawPath), HttpResponse.BodyHandlers.ofByteArray())
    }

    private HttpRequest request(String rawPath) {
        // new URI(String) keeps the path as written: no normalisation of '..', no re-encoding.
        HttpRequest.newBuilder(new URI(base.toString() + rawPath)).GET().build()
    }
}
