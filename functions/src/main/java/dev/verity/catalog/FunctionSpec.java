package dev.verity.catalog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One Lambda function: the CDK stack creates it from this record and the local runtime invokes {@code handler}
 * in-process with the same environment.
 *
 * @param name          logical name, also the function name suffix and the key used by the local runtime
 * @param handler       fully qualified handler class (implements a Lambda handler interface)
 * @param memoryMb      memory size
 * @param timeoutSeconds timeout
 * @param description   what the function does
 * @param access        the resources it touches; the stack turns these into least-privilege grants
 * @param bundle        the jar it runs from
 */
public record FunctionSpec(
        String name,
        String handler,
        int memoryMb,
        int timeoutSeconds,
        String description,
        Set<Access> access,
        Bundle bundle) {

    /** Every function meters its invocations into its job's usage item (JsonHandler): {@link Access#USAGE_METER}. */
    public FunctionSpec {
        EnumSet<Access> all = EnumSet.of(Access.USAGE_METER);
        all.addAll(access);
        access = Collections.unmodifiableSet(all);
    }

    /** A function of the core jar. */
    public FunctionSpec(
            String name, String handler, int memoryMb, int timeoutSeconds, String description, Set<Access> access) {
        this(name, handler, memoryMb, timeoutSeconds, description, access, Bundle.CORE);
    }

    /**
     * The jars functions run from: the core one (the functions module) for most, the models one (the models module:
     * the core plus the machine-learning libraries) for the few that train and apply models, so the others stay small
     * and quick to start.
     */
    public enum Bundle {
        CORE,
        MODELS
    }

    /** Resource access a function needs. */
    public enum Access {
        /** read objects in the data bucket */
        BUCKET_READ,
        /** write objects in the data bucket */
        BUCKET_WRITE,
        /**
         * write the refusal reports of uploaded job requests, under {@link Catalog#JOB_REQUEST_ERRORS_PREFIX} only
         * (for a function that writes nothing else to the bucket)
         */
        JOB_REQUEST_ERRORS,
        /** read the table */
        TABLE_READ,
        /** write the table */
        TABLE_WRITE,
        /** create, use and delete the per-job task queues */
        TASK_QUEUES,
        /**
         * make the streaming jobs' intake queues (per job, prefix {@link Catalog#INTAKE_QUEUE_PREFIX}) and receive from
         * them; subscribe them to, and unsubscribe them from, the requesters' input topics (this account's, any name)
         */
        STREAM_INTAKE_QUEUES,
        /** publish labeled objects to the requesters' output topics (this account's, any name Verity does not use) */
        LABEL_TOPICS,
        /** start and describe executions of the job state machine */
        START_EXECUTION,
        /** read the history of the job state machine's executions (a job's cost counts its state transitions) */
        EXECUTION_HISTORY,
        /** send task success/failure for the job state machine's task tokens */
        TASK_TOKEN,
        /** invoke the requester's own Lambdas (custom task types): those named under the deploy-time prefix only */
        USER_FUNCTIONS,
        /** create, disable and group the private workforce's users in its user pool (invitations, members) */
        WORKFORCE_DIRECTORY,
        /** create, delete and subscribe e-mail addresses to the work teams' notification topics */
        TEAM_TOPICS,
        /** publish to the work teams' topics and to the requesters' job-events topic */
        NOTIFY,
        /**
         * put job status change events on the account's default EventBridge bus (events:PutEvents there only), for
         * a function that changes a job's status
         */
        JOB_EVENTS,
        /**
         * call Amazon Mechanical Turk's requester API for public-crowd jobs (create HITs, read and approve
         * assignments, expire HITs); Mechanical Turk has no resource-level permissions
         */
        CROWD_MARKETPLACE,
        /**
         * read the job metrics back from CloudWatch (cloudwatch:GetMetricData, which has no resource-level
         * permissions): a job's page shows its task counts and times
         */
        METRICS_READ,
        /**
         * add an invocation's counts to its job's usage item (UpdateItem on the table); every function has it, as
         * every one meters its invocations
         */
        USAGE_METER
    }
}
