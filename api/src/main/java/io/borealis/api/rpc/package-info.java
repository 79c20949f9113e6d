/**
 * The wire: Thrift's JSON protocol over HTTP POST {@code /api}, multiplexed by service name
 * ({@link io.borealis.api.rpc.ThriftHttp}), and helpers to build and read Thrift responses
 * ({@link io.borealis.api.rpc.Responses}).
 */
package io.borealis.api.rpc;
