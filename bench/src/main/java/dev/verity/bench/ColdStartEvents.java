package dev.verity.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.catalog.Catalog;
import dev.verity.json.Json;

/**
 * One representative first request per function of the catalog: an API Gateway (v2) event for the API functions, the
 * SQS-wrapped S3 notification for the job-request intake, a scheduled event for the reminder, and a workflow step's
 * payload for the others. The steps name a job that does not exist: each then reads the table (its clients, a
 * marshaller and one round trip) and fails as Step Functions would see it, without a job to set up first.
 */
final class ColdStartEvents {

    static final String JOB = "coldstart-missing";

    private ColdStartEvents() {}

    static String event(String function, String bucket) {
        return switch (function) {
            case Catalog.REQUESTER_API -> api("GET /jobs", "requesters").toString();
            case Catalog.WORKER_API -> api("GET /worker/jobs", "workers").toString();
            case Catalog.SAGEMAKER_API -> sageMaker().toString();
            case Catalog.CROWD_API -> crowd().toString();
            case Catalog.START_JOB_FROM_S3 -> jobRequest(bucket).toString();
            case Catalog.REMIND_EXPIRING ->
                Json.object().put("source", "aws.events").toString();
            // a task token too: dispatch-tasks refuses a payload without one before it reads anything
            default ->
                Json.object()
                        .put("jobName", JOB)
                        .put("taskToken", "coldstart-token")
                        .toString();
        };
    }

    /** A signed-in user of {@code group}, as the JWT authorizer passes its claims on. */
    private static ObjectNode api(String routeKey, String group) {
        ObjectNode event = Json.object().put("version", "2.0").put("routeKey", routeKey);
        event.put("rawPath", routeKey.substring(routeKey.indexOf(' ') + 1));
        ObjectNode claims = event.putObject("requestContext")
                .putObject("authorizer")
                .putObject("jwt")
                .putObject("claims");
        claims.put("sub", "coldstart-user").put("iss", "verity").put("cognito:groups", "[" + group + "]");
        return event;
    }

    private static ObjectNode sageMaker() {
        ObjectNode event = Json.object().put("version", "2.0").put("routeKey", "POST /");
        event.putObject("headers").put("x-amz-target", "SageMaker.ListLabelingJobs");
        event.put("body", "{}");
        return event;
    }

    private static ObjectNode crowd() {
        ObjectNode event = api("GET /mturk/jobs/{name}/objects/{id}/task", "none");
        event.putObject("pathParameters").put("name", JOB).put("id", "0");
        event.putObject("queryStringParameters")
                .put("hitId", "COLDSTARTHIT")
                .put("assignmentId", "ASSIGNMENT_ID_NOT_AVAILABLE");
        return event;
    }

    /** An upload of jobs/<name>.json whose object is missing: the intake reads it and reports the refusal. */
    private static ObjectNode jobRequest(String bucket) {
        ObjectNode notification = Json.object();
        ObjectNode s3 = notification
                .putArray("Records")
                .addObject()
                .put("eventName", "ObjectCreated:Put")
                .putObject("s3");
        s3.putObject("bucket").put("name", bucket);
        s3.putObject("object").put("key", Catalog.JOB_REQUEST_PREFIX + JOB + Catalog.JOB_REQUEST_SUFFIX);
        ObjectNode event = Json.object();
        event.putArray("Records").addObject().put("messageId", "coldstart").put("body", notification.toString());
        return event;
    }
}
