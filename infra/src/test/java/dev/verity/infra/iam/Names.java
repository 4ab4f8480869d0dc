package dev.verity.infra.iam;

/**
 * The resources the functions name in their environment, as the template has them: the data bucket's and the
 * table's logical ids, the state machine's ARN, the task queues' and the requester functions' name prefixes, the user
 * pool's and the job-events topic's logical ids and the team topics' name prefix. Recorded calls and template policies
 * are both written in these terms, with {@value #BUCKET}, {@value #TABLE}, {@value #USER_POOL} and
 * {@value #JOB_EVENTS_TOPIC} for the names that only exist once deployed.
 */
public record Names(
        String bucketId,
        String tableId,
        String stateMachineArn,
        String taskQueuePrefix,
        String intakeQueuePrefix,
        String customLambdaPrefix,
        String userPoolId,
        String jobEventsTopicId,
        String teamTopicPrefix) {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final String BUCKET = "{bucket}";
    static final String TABLE = "{table}";
    static final String USER_POOL = "{userPool}";
    static final String JOB_EVENTS_TOPIC = "{jobEvents}";

    String stateMachineName() {
        return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    }

    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }
}
