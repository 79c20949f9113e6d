/**
 * Service discovery for tasks (Aurora's announcer, reference §1.9, §3.9): {@link Announcement}
 * puts a running task with an {@code Announcer} into ZooKeeper as a ServerSet member with its
 * named ports, and takes it out when the task ends.
 */
package io.borealis.executor.announce;
