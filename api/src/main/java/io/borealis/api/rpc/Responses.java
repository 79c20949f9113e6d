package io.borealis.api.rpc;

import io.borealis.api.thrift.ResponseCode;
import io.borealis.api.thrift.ResponseDetail;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.Result;
import java.util.List;
import java.util.stream.Collectors;

/** Builds and reads Thrift {@link Response}s. */
public final class Responses {
    private Responses() {}

    public static Response ok(Result result) {
        return new Response().setResponseCode(ResponseCode.OK).setResult(result);
    }

    public static Response ok() {
        return new Response().setResponseCode(ResponseCode.OK);
    }

    public static Response error(ResponseCode code, String message) {
        return new Response().setResponseCode(code)
                .setDetails(List.of(new ResponseDetail(message)));
    }

    public static Response error(ResponseCode code, List<String> messages) {
        return new Response().setResponseCode(code)
                .setDetails(messages.stream().map(ResponseDetail::new).collect(Collectors.toList()));
    }

    /** The details joined with "; ", or the code's name when there are none. */
    public static String message(Response response) {
        if (response.getDetails() == null || response.getDetails().isEmpty()) {
            return response.getResponseCode().name();
        }
        return response.getDetails().stream().map(ResponseDetail::getMessage)
                .collect(Collectors.joining("; "));
    }
}
