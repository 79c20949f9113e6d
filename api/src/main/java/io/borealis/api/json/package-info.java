/** The one Jackson configuration for Borealis's own files (task.json, checkpoints, stored configurations). */
package io.borealis.api.json;
