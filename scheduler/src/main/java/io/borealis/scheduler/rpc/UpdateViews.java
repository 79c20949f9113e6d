package io.borealis.scheduler.rpc;

import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.JobUpdateDetails;
import io.borealis.api.thrift.JobUpdateEvent;
import io.borealis.api.thrift.JobUpdateInstance;
import io.borealis.api.thrift.JobUpdateSummary;
import io.borealis.scheduler.storage.JobUpdate;
import io.borealis.scheduler.storage.UpdateEvent;
import io.borealis.scheduler.storage.UpdateInstance;
import java.util.List;

/** Stored updates as the API shows them. */
final class UpdateViews {
    private UpdateViews() {}

    static JobUpdateSummary summary(JobUpdate update) {
        return new JobUpdateSummary(update.id(), ThriftCodec.toThrift(update.job()),
                update.user(), ThriftCodec.toThrift(update.status()), update.statusMessage(),
                update.message(), update.createdAt(), update.updatedAt(),
                update.instancesBefore(), update.instancesAfter());
    }

    static JobUpdateDetails details(JobUpdate update, List<UpdateInstance> instances,
            List<UpdateEvent> events) {
        return new JobUpdateDetails(summary(update), ThriftCodec.toThrift(update.settings()),
                instances.stream().map(UpdateViews::instance).toList(),
                events.stream().map(UpdateViews::event).toList());
    }

    private static JobUpdateInstance instance(UpdateInstance instance) {
        JobUpdateInstance view = new JobUpdateInstance(instance.instanceId(),
                instance.state().name(), instance.fromConfig() != null,
                instance.toConfig() != null, instance.failures(), instance.batch());
        if (instance.taskId() != null) {
            view.setTaskId(instance.taskId().value());
        }
        return view;
    }

    private static JobUpdateEvent event(UpdateEvent event) {
        JobUpdateEvent view = new JobUpdateEvent();
        view.setTimestamp(event.timestamp());
        view.setStatus(event.status());
        view.setMessage(event.message());
        if (event.instanceId() != null) {
            view.setInstanceId(event.instanceId());
        }
        return view;
    }
}
