package dev.verity.infra;

import dev.verity.crowd.MechanicalTurkRequester;
import dev.verity.labeling.CrowdSettings;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The web UI (worker portal and requester console): a private bucket served only through a CloudFront distribution
 * (origin access control) with security headers, and, once the API and the user pool exist, the deployment of the
 * built UI ({@code web/dist}) with a generated {@value #CONFIG} that points it at them (see
 * {@code web/src/core/config.ts}). The UI routes with the URL hash, so no SPA rewrite of 403/404 is needed.
 */
public class Web extends Construct {

    public static final String INDEX = "index.html";
    public static final String CONFIG = "config.json";
    /** The page a custom task's template runs in: a sandboxed iframe of the portal, with its own, looser CSP. */
    public static final String TASK_FRAME = "task-frame.html";
    /** The public crowd's task page, which Mechanical Turk shows its workers in a frame (a HIT's ExternalQuestion). */
    public static final String CROWD_TASK_PAGE = CrowdSettings.TASK_PAGE;
    /** The Mechanical Turk worker sites (production and sandbox): they frame the crowd task page, which posts to them. */
    static final String MECHANICAL_TURK_SITES =
            MechanicalTurkRequester.PRODUCTION_WORKER_SITE + " " + MechanicalTurkRequester.SANDBOX_WORKER_SITE;
    /** The Crowd HTML Elements the task frame loads (like the two above, its name does not change between builds). */
    public static final String CROWD_ELEMENTS = "crowd-elements.js";

    private final Bucket bucket;
    private final ResponseHeadersPolicy headers;
    private final Distribution distribution;
    private BucketDeployment deployment;

    public Web(Construct scope, String id, VerityConfig config, IBucket accessLogs) {
        super(scope, id);
        // Retained like the other buckets (no auto-delete custom resource); it only holds the built UI.
        bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(false)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("web/")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        headers = securityHeaders(
                "Headers",
                "Verity web UI: CSP, HSTS, nosniff, no framing",
                contentSecurityPolicy(config),
                HeadersFrameOption.DENY);
        // A requester's custom template may bring inline and external scripts and styles, as Ground Truth allows.
        // They run in a sandboxed iframe (an opaque origin: no access to the worker's token or the portal), so the
        // frame's page gets a CSP that admits them and may be framed by the portal only.
        ResponseHeadersPolicy taskFrameHeaders = securityHeaders(
                "TaskFrameHeaders",
                "Verity task frame: custom worker templates in a sandboxed iframe of the portal",
                taskFrameContentSecurityPolicy(),
                HeadersFrameOption.SAMEORIGIN);

        // Mechanical Turk frames the crowd task page and takes its answer: both sites may, no other.
        ResponseHeadersPolicy crowdTaskHeaders = securityHeaders(
                "CrowdTaskHeaders",
                "Verity public-crowd task page: framed by Mechanical Turk, posting answers to it",
                crowdTaskContentSecurityPolicy(config),
                null);

        IOrigin origin = S3BucketOrigin.withOriginAccessControl(bucket); // one origin for every behavior
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment(config.physicalName("verity") + " web UI")
                .defaultRootObject(INDEX)
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(headers)
                        .compress(true)
                        .build())
                .additionalBehaviors(Map.of(
                        "/" + TASK_FRAME,
                        BehaviorOptions.builder()
                                .origin(origin)
                                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                                .responseHeadersPolicy(taskFrameHeaders)
                                .compress(true)
                                .build(),
                        "/" + CROWD_TASK_PAGE,
                        BehaviorOptions.builder()
                                .origin(origin)
                                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                                .responseHeadersPolicy(crowdTaskHeaders)
                                .compress(true)
                                .build()))
                .build();
        NagSuppressions.addResourceSuppressions(
                distribution,
                List.of(
                        suppression(
                                "AwsSolutions-CFR1",
                                "No geo restriction: the private workforce and vendor teams may "
                                        + "work from any country, and every API call needs a Cognito sign-in anyway."),
                        suppression(
                                "AwsSolutions-CFR2",
                                "No WAF web ACL: the distribution serves only the static UI "
                                        + "(GET/HEAD of build files, no origin logic); the API it calls is throttled and behind a "
                                        + "JWT authorizer. A WAF would add a fixed monthly cost without a threat to filter."),
                        suppression(
                                "AwsSolutions-CFR3",
                                "No CloudFront standard logs: they need an ACL-enabled log bucket, "
                                        + "which this stack avoids (BucketOwnerEnforced); the web bucket's S3 server access logs "
                                        + "record each object CloudFront fetches."),
                        suppression(
                                "AwsSolutions-CFR4",
                                "The distribution uses the default *.cloudfront.net certificate, "
                                        + "for which CloudFront fixes the security policy (a minimum protocol version can only be "
                                        + "set with a custom domain certificate); viewers are redirected to HTTPS.")));
    }

    /**
     * Scripts and styles from the distribution only; API calls to this region's execute-api hosts, the token
     * exchange at the hosted UI, and presigned data URLs (images, masks into a canvas, uploads) on this region's
     * S3 hosts. Hosts are wildcards because naming the API or the data bucket would be a dependency cycle: both
     * allow the distribution's origin in their CORS rules. Inline styles are allowed for Lit style bindings; they
     * cannot run code.
     */
    static String contentSecurityPolicy(VerityConfig config) {
        String s3 = "https://*.s3." + Aws.REGION + "." + Aws.URL_SUFFIX + " https://*.s3." + Aws.URL_SUFFIX;
        String api = "https://*.execute-api." + Aws.REGION + "." + Aws.URL_SUFFIX;
        String signIn = Identity.hostedUiUrl(config);
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob: " + s3,
                "media-src 'self' blob: " + s3,
                "connect-src 'self' " + api + " " + signIn + " " + s3,
                "font-src 'self' data:",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self' " + signIn,
                "frame-ancestors 'none'");
    }

    /**
     * The web UI's policy for the crowd task page: it may be framed by Mechanical Turk's worker sites only (CSP
     * {@code frame-ancestors}; X-Frame-Options cannot name another site) and may post its form to them.
     */
    static String crowdTaskContentSecurityPolicy(VerityConfig config) {
        return contentSecurityPolicy(config)
                .replace("form-action 'self'", "form-action 'self' " + MECHANICAL_TURK_SITES)
                .replace("frame-ancestors 'none'", "frame-ancestors " + MECHANICAL_TURK_SITES);
    }

    /**
     * HSTS, nosniff and a same-origin referrer policy, with the page's CSP and framing rule (null: no X-Frame-Options,
     * the CSP's frame-ancestors decides).
     */
    private ResponseHeadersPolicy securityHeaders(String id, String comment, String csp, HeadersFrameOption framing) {
        return ResponseHeadersPolicy.Builder.create(this, id)
                .comment(comment)
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(csp)
                                .override(true)
                                .build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder()
                                .override(true)
                                .build())
                        .frameOptions(
                                framing == null
                                        ? null
                                        : ResponseHeadersFrameOptions.builder()
                                                .frameOption(framing)
                                                .override(true)
                                                .build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.SAME_ORIGIN)
                                .override(true)
                                .build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(365))
                                .includeSubdomains(false)
                                .override(true)
                                .build())
                        .build())
                .build();
    }

    /** Templates' own inline and https scripts, styles, images and calls; framed by the portal only. */
    static String taskFrameContentSecurityPolicy() {
        return String.join(
                "; ",
                "default-src 'self' https:",
                "script-src 'self' 'unsafe-inline' https:",
                "style-src 'self' 'unsafe-inline' https:",
                "img-src 'self' data: blob: https:",
                "media-src 'self' blob: https:",
                "font-src 'self' data: https:",
                "connect-src 'self' https:",
                "object-src 'none'",
                // The portal frames it, and in a public-crowd task the portal is itself in Mechanical Turk's frame.
                "frame-ancestors 'self' " + MECHANICAL_TURK_SITES);
    }

    /**
     * Deploys the built UI in {@code dist} with a generated {@value #CONFIG} (any {@value #CONFIG} in {@code dist},
     * the local runtime's, is left out) and invalidates the files whose names do not change between builds;
     * the other files are content-hashed by Vite.
     */
    public BucketDeployment publish(Path dist, Api api, Identity identity) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("kind", "cognito");
        auth.put("domain", identity.domain().baseUrl());
        auth.put("clientId", identity.client().getUserPoolClientId());
        auth.put("region", Stack.of(this).getRegion());
        auth.put("userPoolId", identity.userPool().getUserPoolId());
        Map<String, Object> appConfig = new LinkedHashMap<>();
        appConfig.put("apiUrl", api.endpoint());
        appConfig.put("auth", auth);

        deployment = BucketDeployment.Builder.create(this, "Deployment")
                .sources(List.of(
                        Source.asset(
                                dist.toAbsolutePath().normalize().toString(),
                                AssetOptions.builder().exclude(List.of(CONFIG)).build()),
                        Source.jsonData(CONFIG, appConfig)))
                .destinationBucket(bucket)
                .distribution(distribution)
                .distributionPaths(List.of(
                        "/" + INDEX, "/" + CONFIG, "/" + TASK_FRAME, "/" + CROWD_ELEMENTS, "/" + CROWD_TASK_PAGE))
                // Keep the previous build's hashed files: an open page may still load its lazy chunks.
                .prune(false)
                .logGroup(LogGroup.Builder.create(this, "DeploymentLogs")
                        .retention(Functions.LOG_RETENTION)
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build())
                .build();
        suppressDeploymentHandlerFindings(Stack.of(this), bucket);
        return deployment;
    }

    /** BucketDeployment's Lambda is added once per stack by aws-cdk-lib (id {@code Custom::CDKBucketDeployment<hash>}). */
    private static void suppressDeploymentHandlerFindings(Stack stack, Bucket bucket) {
        String webBucketArn =
                "<" + stack.getLogicalId((CfnElement) bucket.getNode().getDefaultChild()) + ".Arn>";
        IConstruct handler = stack.getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("CDK's BucketDeployment handler not found in "
                        + stack.getNode().getPath()));
        NagSuppressions.addResourceSuppressions(
                handler,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM4")
                                .reason(
                                        "CDK's BucketDeployment custom resource copies the built web UI into the web bucket; "
                                                + "its role, created and managed by aws-cdk-lib, uses AWSLambdaBasicExecutionRole only "
                                                + "to write the handler's own logs.")
                                .appliesTo(
                                        List.of(
                                                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason("CDK's BucketDeployment grants its handler read of the CDK asset bucket and "
                                        + "read/write/delete of the web bucket's objects only (Bucket.grantRead/grantReadWrite: "
                                        + "action and object-ARN wildcards), and CloudFront invalidation, which supports no "
                                        + "resource-level permissions.")
                                .appliesTo(List.of(
                                        "Action::s3:GetObject*",
                                        "Action::s3:GetBucket*",
                                        "Action::s3:List*",
                                        "Action::s3:DeleteObject*",
                                        "Action::s3:Abort*",
                                        "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
                                        "Resource::" + webBucketArn + "/*",
                                        "Resource::*"))
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-L1")
                                .reason(
                                        "The BucketDeployment handler's runtime is chosen by aws-cdk-lib (it bundles the AWS "
                                                + "CLI layer for that runtime); it moves with the aws-cdk-lib version in the parent POM.")
                                .build()),
                true);
    }

    private static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Distribution distribution() {
        return distribution;
    }

    public ResponseHeadersPolicy headers() {
        return headers;
    }

    /** The deployment of the built UI; null until {@link #publish}. */
    public BucketDeployment deployment() {
        return deployment;
    }

    /** {@code https://<distribution domain>}: the UI's origin, and its URL without the trailing slash. */
    public String url() {
        return "https://" + distribution.getDistributionDomainName();
    }
}
