/**
 * The values every Borealis module handles: immutable records that mirror the Thrift IDL
 * ({@code api/src/main/thrift/borealis.thrift}) field for field, plus {@link
 * io.borealis.api.model.TaskStatus} (which states are terminal) and {@link
 * io.borealis.api.model.JobKey} (validated {@code role/environment/name}).
 *
 * <p>Thrift types stay at the edges (RPC handlers and clients); {@link
 * io.borealis.api.model.ThriftCodec} converts both ways. Components named in a record's Javadoc
 * as nullable mirror optional Thrift fields; collections are never null and are copied
 * immutably, keeping their order.
 */
package io.borealis.api.model;
