package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The SageMaker protocol endpoint as boto3 and the AWS CLI use it, changing only the endpoint URL: create, describe,
 * list (filters, sort, paging), stop, and SageMaker's errors. Skipped where python3 with boto3, or the AWS CLI, is
 * absent.
 */
class SageMakerProtocolIT {

    private static VerityRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        runtime = SharedRuntime.get();
    }

    @Test
    void boto3CreatesDescribesListsAndStopsJobsAndRaisesSageMakersModelledErrors() throws Exception {
        assumeTrue(works("python3", "-c", "import boto3"), "python3 with boto3 is not installed");
        String prefix = "smboto-" + UUID.randomUUID().toString().substring(0, 8);
        for (String job : List.of(prefix + "-a", prefix + "-b", prefix + "-c")) {
            LocalJobs.uploadDataset(runtime.s3(), runtime.bucket(), job, 3);
            Files.writeString(dir.resolve(job + ".json"), LocalJobs.jobRequest(runtime.bucket(), job, 1));
        }
        Path script = dir.resolve("sagemaker.py");
        Files.writeString(script, BOTO3_SCRIPT);

        JsonNode out = Json.parse(run(List.of("python3", script.toString(), prefix, dir.toString())));

        assertThat(out.path("arn").asText()).endsWith(":labeling-job/" + prefix + "-a");
        assertThat(out.path("describedName").asText()).isEqualTo(prefix + "-a");
        assertThat(out.path("creationTimeType").asText()).isEqualTo("datetime");
        assertThat(out.path("describedStatus").asText()).isIn("Initializing", "InProgress");
        assertThat(out.path("pages").asInt()).isEqualTo(3);
        assertThat(names(out.path("byNameDescending"))).containsExactly(prefix + "-c", prefix + "-b", prefix + "-a");
        assertThat(names(out.path("byCreationAscending"))).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
        assertThat(names(out.path("completed"))).isEmpty();
        assertThat(names(out.path("createdInTheFuture"))).isEmpty();
        assertThat(out.path("stoppedStatus").asText()).isIn("Stopping", "Stopped");
        assertThat(names(out.path("stoppingOrStopped"))).containsExactly(prefix + "-b");
        assertThat(out.path("validationCode").asText()).isEqualTo("ValidationException");
        assertThat(out.path("validationMessage").asText())
                .contains("InputConfig.DataSource.S3DataSource.ManifestS3Uri");
        assertThat(out.path("notFound").asText()).isEqualTo("ResourceNotFound");
        assertThat(out.path("duplicate").asText()).isEqualTo("ResourceInUse");
        assertThat(out.path("wrongSecret").asText()).isEqualTo("InvalidSignatureException");
        assertThat(out.path("wrongSecretStatus").asInt()).isEqualTo(403);
        assertThat(out.path("forWorkteam").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(out.path("teamDescription").asText()).isEqualTo("boto3's team");
        assertThat(out.path("teamCreated").asText()).isEqualTo("datetime");
        assertThat(out.path("teamListed").toString()).isEqualTo("[\"" + prefix + "-team\"]");
        assertThat(out.path("teamUpdated").asText()).isEqualTo("renamed");
        assertThat(out.path("teamJobs").asInt()).isZero();
        assertThat(out.path("teamDeleted").asBoolean()).isTrue();
        assertThat(out.path("teamGone").asText()).isEqualTo("ResourceNotFound");
        assertThat(out.path("quota").asText()).as(out.toString()).isEqualTo("ResourceLimitExceeded");
        assertThat(out.path("quotaMessage").asText()).contains("25");
        assertThat(out.path("teamsBeforeQuota").asInt()).isBetween(1, 24);
        assertThat(out.path("signedForExecuteApi").asText()).isEqualTo(prefix + "-a");
        assertThat(out.path("executeApiScope").asBoolean()).isTrue();
    }

    @Test
    void theAwsCliCreatesDescribesListsPageByPageAndStopsAJobAndNamesTheErrors() throws Exception {
        assumeTrue(works("aws", "--version"), "the AWS CLI is not installed");
        String prefix = "smcli-" + UUID.randomUUID().toString().substring(0, 8);
        String endpoint = runtime.apiUrl().toString();
        for (String job : List.of(prefix + "-a", prefix + "-b")) {
            LocalJobs.uploadDataset(runtime.s3(), runtime.bucket(), job, 3);
            Path request = dir.resolve(job + ".json");
            Files.writeString(request, LocalJobs.jobRequest(runtime.bucket(), job, 1));
            JsonNode created = Json.parse(run(List.of(
                    "aws",
                    "sagemaker",
                    "create-labeling-job",
                    "--cli-input-json",
                    "file://" + request,
                    "--endpoint-url",
                    endpoint)));
            assertThat(created.path("LabelingJobArn").asText()).endsWith("/" + job);
        }

        JsonNode described = Json.parse(run(List.of(
                "aws",
                "sagemaker",
                "describe-labeling-job",
                "--labeling-job-name",
                prefix + "-a",
                "--endpoint-url",
                endpoint)));
        assertThat(described.path("LabelingJobName").asText()).isEqualTo(prefix + "-a");
        assertThat(described.path("LabelCounters").has("TotalLabeled")).isTrue();

        // --page-size 1: the CLI follows SageMaker's NextToken page by page
        JsonNode listed = Json.parse(run(List.of(
                "aws",
                "sagemaker",
                "list-labeling-jobs",
                "--name-contains",
                prefix,
                "--sort-by",
                "Name",
                "--sort-order",
                "Descending",
                "--page-size",
                "1",
                "--endpoint-url",
                endpoint)));
        assertThat(names(listed.path("LabelingJobSummaryList"))).containsExactly(prefix + "-b", prefix + "-a");

        run(List.of(
                "aws",
                "sagemaker",
                "stop-labeling-job",
                "--labeling-job-name",
                prefix + "-a",
                "--endpoint-url",
                endpoint));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(Json.parse(run(List.of(
                                        "aws",
                                        "sagemaker",
                                        "describe-labeling-job",
                                        "--labeling-job-name",
                                        prefix + "-a",
                                        "--endpoint-url",
                                        endpoint)))
                                .path("LabelingJobStatus")
                                .asText())
                        .isIn("Stopping", "Stopped"));

        // the README's plugin for the deployed route: the CLI signs for execute-api
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(
                plugins.resolve("verity_signing.py"),
                "def awscli_initialize(cli): cli.register(\"before-sign.sagemaker\", lambda request, **_:"
                        + " request.context.setdefault(\"signing\", {}).update(signing_name=\"execute-api\"))\n");
        Files.writeString(dir.resolve("plugin-config"), "[plugins]\nverity = verity_signing\n");
        Result viaPlugin = exec(
                List.of(
                        "aws",
                        "sagemaker",
                        "describe-labeling-job",
                        "--labeling-job-name",
                        prefix + "-b",
                        "--endpoint-url",
                        endpoint,
                        "--debug"),
                dir.resolve("plugin-config"),
                plugins);
        assertThat(viaPlugin.exit()).as(viaPlugin.stderr()).isZero();
        assertThat(viaPlugin.stderr()).contains("/execute-api/aws4_request");

        Result unknown = exec(List.of(
                "aws",
                "sagemaker",
                "describe-labeling-job",
                "--labeling-job-name",
                prefix + "-none",
                "--endpoint-url",
                endpoint));
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.stderr()).contains("(ResourceNotFound)");

        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                LocalJobs.jobRequest(runtime.bucket(), prefix + "-bad", 1)
                        .replace("/input.manifest", "/missing.manifest"));
        Result refused = exec(List.of(
                "aws",
                "sagemaker",
                "create-labeling-job",
                "--cli-input-json",
                "file://" + bad,
                "--endpoint-url",
                endpoint));
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.stderr())
                .contains("(ValidationException)")
                .contains("InputConfig.DataSource.S3DataSource.ManifestS3Uri");
    }

    @Test
    void theProtocolRefusesUnsignedRequestsAndUnknownOperationsAndNamesAMissingField() throws Exception {
        HttpResponse<String> unsigned = post("SageMaker.DescribeLabelingJob", "{}", false);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(Json.parse(unsigned.body()).path("__type").asText())
                .isEqualTo("MissingAuthenticationTokenException");

        HttpResponse<String> unknown = post("SageMaker.CreateModel", "{}", true);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("x-amzn-errortype")).contains("UnknownOperationException");

        HttpResponse<String> missing = post("SageMaker.DescribeLabelingJob", "{}", true);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("content-type")).contains("application/x-amz-json-1.1");
        JsonNode error = Json.parse(missing.body());
        assertThat(error.path("__type").asText()).isEqualTo("ValidationException");
        assertThat(error.path("Message").asText()).contains("LabelingJobName");

        HttpResponse<String> listed = post("SageMaker.ListLabelingJobs", "{\"MaxResults\": 1}", true);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(Json.parse(listed.body()).path("LabelingJobSummaryList").isArray())
                .isTrue();
    }

    /** A POST to the endpoint, signed by SDK v2's SigV4 signer for sagemaker with the runtime's keys if {@code sign}. */
    private static HttpResponse<String> post(String target, String body, boolean sign) throws Exception {
        URI uri = runtime.apiUrl().resolve("/");
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .build();
        if (sign) {
            request = AwsV4HttpSigner.create()
                    .sign(r -> r.identity(AwsBasicCredentials.create(
                                    runtime.emulators().accessKeyId(),
                                    runtime.emulators().secretAccessKey()))
                            .request(SdkHttpRequest.builder()
                                    .method(SdkHttpMethod.POST)
                                    .uri(uri)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("X-Amz-Target", target)
                                    .build())
                            .payload(ContentStreamProvider.fromUtf8String(body))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sagemaker")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                    .request();
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> names(JsonNode summaries) {
        List<String> names = new ArrayList<>();
        summaries.forEach(s -> names.add(s.path("LabelingJobName").asText()));
        return names;
    }

    private record Result(int exit, String stdout, String stderr) {}

    private String run(List<String> command) throws Exception {
        Result result = exec(command);
        assertThat(result.exit()).as("%s\n%s", command, result.stderr()).isZero();
        return result.stdout();
    }

    private Result exec(List<String> command) throws Exception {
        return exec(command, dir.resolve("no-config"), null);
    }

    /** With {@code pythonPath} (null: none) on the Python path, for the CLI's plugins. */
    private Result exec(List<String> command, Path config, Path pythonPath) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", runtime.emulators().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", runtime.emulators().secretAccessKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", config.toString());
        if (pythonPath != null) {
            env.put("PYTHONPATH", pythonPath.toString());
        }
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("VERITY_ENDPOINT", runtime.apiUrl().toString());
        env.put("VERITY_USER_POOL", VerityRuntime.USER_POOL_ID);
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Argument 1: the jobs' name prefix; 2: the directory of their requests. Prints what it saw as JSON. */
    private static final String BOTO3_SCRIPT = """
            import datetime, json, os, sys, time
            import boto3
            from botocore.exceptions import ClientError

            prefix, folder = sys.argv[1], sys.argv[2]
            endpoint = os.environ["VERITY_ENDPOINT"]
            sm = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1")
            out = {}

            def request(name):
                with open(os.path.join(folder, name + ".json")) as f:
                    return json.load(f)

            def code(call):
                try:
                    call()
                except ClientError as e:
                    return e.response["Error"]["Code"], e.response["Error"]["Message"], \\
                        e.response["ResponseMetadata"]["HTTPStatusCode"]
                return None, None, None

            for suffix in ("a", "b", "c"):
                arn = sm.create_labeling_job(**request(prefix + "-" + suffix))["LabelingJobArn"]
                if suffix == "a":
                    out["arn"] = arn
                time.sleep(0.01)  # distinct creation times, to the millisecond

            described = sm.describe_labeling_job(LabelingJobName=prefix + "-a")
            out["describedName"] = described["LabelingJobName"]
            out["describedStatus"] = described["LabelingJobStatus"]
            out["creationTimeType"] = type(described["CreationTime"]).__name__

            def summaries(pages):
                return [{"LabelingJobName": s["LabelingJobName"]} for p in pages for s in p["LabelingJobSummaryList"]]

            pages, token = [], None
            while True:
                kwargs = {"NameContains": prefix, "SortBy": "Name", "SortOrder": "Descending", "MaxResults": 1}
                if token:
                    kwargs["NextToken"] = token
                page = sm.list_labeling_jobs(**kwargs)
                pages.append(page)
                token = page.get("NextToken")
                if not token:
                    break
            out["pages"] = len(pages)
            out["byNameDescending"] = summaries(pages)
            paginator = sm.get_paginator("list_labeling_jobs")
            out["byCreationAscending"] = summaries(paginator.paginate(
                NameContains=prefix, SortBy="CreationTime", SortOrder="Ascending", PaginationConfig={"PageSize": 2}))
            out["completed"] = summaries([sm.list_labeling_jobs(NameContains=prefix, StatusEquals="Completed")])
            future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
            out["createdInTheFuture"] = summaries([sm.list_labeling_jobs(NameContains=prefix, CreationTimeAfter=future)])

            sm.stop_labeling_job(LabelingJobName=prefix + "-b")
            out["stoppedStatus"] = sm.describe_labeling_job(LabelingJobName=prefix + "-b")["LabelingJobStatus"]
            stopping = sm.list_labeling_jobs(NameContains=prefix, StatusEquals="Stopping")["LabelingJobSummaryList"]
            stopped = sm.list_labeling_jobs(NameContains=prefix, StatusEquals="Stopped")["LabelingJobSummaryList"]
            out["stoppingOrStopped"] = [{"LabelingJobName": s["LabelingJobName"]} for s in stopping + stopped]

            bad = request(prefix + "-a")
            bad["LabelingJobName"] = prefix + "-bad"
            bad["InputConfig"]["DataSource"]["S3DataSource"]["ManifestS3Uri"] = "s3://nowhere-bucket/none.manifest"
            out["validationCode"], out["validationMessage"], _ = code(lambda: sm.create_labeling_job(**bad))
            try:
                sm.describe_labeling_job(LabelingJobName=prefix + "-none")
            except sm.exceptions.ResourceNotFound:
                out["notFound"] = "ResourceNotFound"
            duplicate = request(prefix + "-a")
            duplicate["LabelingJobName"] = prefix + "-A"
            duplicate["LabelAttributeName"] = "other"
            try:
                sm.create_labeling_job(**duplicate)
            except sm.exceptions.ResourceInUse:
                out["duplicate"] = "ResourceInUse"

            wrong = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1",
                                 aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key="wrong")
            out["wrongSecret"], _, out["wrongSecretStatus"] = code(
                lambda: wrong.describe_labeling_job(LabelingJobName=prefix + "-a"))

            # as the README says for the deployed route: sign for execute-api (the local route accepts any signing name)
            gateway = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1")
            gateway.meta.events.register(
                "before-sign.sagemaker",
                lambda request, **_: request.context.setdefault("signing", {}).update(signing_name="execute-api"))
            scopes = []
            gateway.meta.events.register(
                "before-send.sagemaker", lambda request, **_: scopes.append(str(request.headers["Authorization"])))
            out["signedForExecuteApi"] = gateway.describe_labeling_job(LabelingJobName=prefix + "-a")["LabelingJobName"]
            out["executeApiScope"] = "/execute-api/aws4_request" in scopes[0]

            name = prefix + "-team"
            members = [{"CognitoMemberDefinition": {"UserPool": os.environ["VERITY_USER_POOL"], "UserGroup": name,
                                                    "ClientId": "verity-local"}}]
            team_arn = sm.create_workteam(WorkteamName=name, Description="boto3's team",
                                          MemberDefinitions=members)["WorkteamArn"]
            out["teamDescription"] = sm.describe_workteam(WorkteamName=name)["Workteam"]["Description"]
            out["teamCreated"] = type(sm.describe_workteam(WorkteamName=name)["Workteam"]["CreateDate"]).__name__
            out["teamListed"] = [t["WorkteamName"] for t in sm.list_workteams(NameContains=prefix)["Workteams"]]
            out["teamUpdated"] = sm.update_workteam(WorkteamName=name, Description="renamed")["Workteam"]["Description"]
            out["teamJobs"] = len(sm.list_labeling_jobs_for_workteam(WorkteamArn=team_arn)["LabelingJobSummaryList"])
            out["teamDeleted"] = sm.delete_workteam(WorkteamName=name)["Success"]
            try:
                sm.describe_workteam(WorkteamName=name)
            except ClientError as e:
                out["teamGone"] = e.response["Error"]["Code"]

            # SageMaker's quota of work teams per account: the one past it is ResourceLimitExceeded
            made = []
            try:
                for i in range(30):
                    quota_team = prefix + "-q" + str(i)
                    sm.create_workteam(WorkteamName=quota_team, Description="quota", MemberDefinitions=[
                        {"CognitoMemberDefinition": {"UserPool": os.environ["VERITY_USER_POOL"],
                                                     "UserGroup": quota_team, "ClientId": "verity-local"}}])
                    made.append(quota_team)
            except sm.exceptions.ResourceLimitExceeded as e:
                out["quota"] = "ResourceLimitExceeded"
                out["quotaMessage"] = e.response["Error"]["Message"]
            out["teamsBeforeQuota"] = len(made)
            for quota_team in made:
                sm.delete_workteam(WorkteamName=quota_team)

            team = bad["HumanTaskConfig"]["WorkteamArn"]
            out["forWorkteam"] = len(sm.list_labeling_jobs_for_workteam(WorkteamArn=team, MaxResults=100)
                                     ["LabelingJobSummaryList"])
            print(json.dumps(out))
            """;
}
