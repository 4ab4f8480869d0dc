package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The HTTP API: one route per {@link Catalog#ROUTES} entry, proxied (payload format 2.0) to the serving function's
 * {@value Functions#ALIAS} alias, every route behind the Cognito JWT authorizer but the public crowd's task page
 * (no authorizer) and the SageMaker protocol endpoint (IAM authorization: callers sign for {@code execute-api} with
 * their own credentials), as {@link RouteSpec#authorization()} says; CORS; a {@code $default} stage with
 * JSON access logs and throttling.
 */
public class Api extends Construct {

    public static final int THROTTLE_RATE = 50;
    public static final int THROTTLE_BURST = 100;

    /** HTTP API access log fields ($context variables of HTTP APIs, not REST APIs). */
    static final String ACCESS_LOG_FORMAT =
            "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                    + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
                    + "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
                    + "\"responseLatency\":\"$context.responseLatency\",\"integrationStatus\":\"$context.integrationStatus\","
                    + "\"integrationError\":\"$context.integrationErrorMessage\",\"authorizerError\":\"$context.authorizer.error\","
                    + "\"sub\":\"$context.authorizer.claims.sub\"}";

    private final HttpApi api;
    private final HttpStage stage;

    /** @param allowedOrigins the browser origins CORS preflights are answered for (the web UI's first) */
    public Api(
            Construct scope,
            String id,
            VerityConfig config,
            Functions functions,
            Identity identity,
            List<String> allowedOrigins) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "HttpApi")
                .apiName(config.physicalName("verity-api"))
                .description("Verity requester and worker API")
                .createDefaultStage(false)
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(allowedOrigins)
                        .allowMethods(corsMethods())
                        .allowHeaders(List.of("Authorization", "Content-Type"))
                        .maxAge(Duration.hours(1))
                        .build())
                .build();

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(Functions.LOG_RETENTION)
                .build();
        IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
        stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(THROTTLE_RATE)
                        .burstLimit(THROTTLE_BURST)
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();

        HttpUserPoolAuthorizer authorizer = new HttpUserPoolAuthorizer(
                "CognitoAuthorizer",
                identity.userPool(),
                HttpUserPoolAuthorizerProps.builder()
                        .authorizerName("cognito")
                        .userPoolClients(List.of(identity.client()))
                        .identitySource(List.of("$request.header.Authorization"))
                        .build());

        Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
        for (RouteSpec route : Catalog.ROUTES) {
            HttpLambdaIntegration integration = integrations.computeIfAbsent(
                    route.function(),
                    function -> new HttpLambdaIntegration(
                            Names.pascal(function) + "Integration",
                            functions.alias(function),
                            HttpLambdaIntegrationProps.builder()
                                    .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
                                    .build()));
            AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integration);
            switch (route.authorization()) {
                case JWT -> options.authorizer(authorizer);
                // callers sign for execute-api with their own IAM credentials; their policies say who may call it
                case IAM -> options.authorizer(new HttpIamAuthorizer());
                case NONE -> {}
            }
            List<HttpRoute> added = api.addRoutes(options.build());
            if (route.authorization() == RouteSpec.Authorization.NONE) {
                String reason = route.function().equals(Catalog.CROWD_API)
                        ? "The public crowd's task page: Mechanical Turk workers have no Verity sign-in; the function"
                                + " checks each call against the HIT and what Mechanical Turk's requester API shows of"
                                + " the assignment, and the stage is throttled."
                        : "The API's OpenAPI document: the contract holds no data, clients read it before they sign"
                                + " in, and the stage is throttled.";
                added.forEach(r -> NagSuppressions.addResourceSuppressions(
                        r,
                        List.of(NagPackSuppression.builder()
                                .id("AwsSolutions-APIG4")
                                .reason(reason)
                                .build())));
            }
        }
    }

    /** The methods of the catalog's routes, and OPTIONS for the preflight itself. */
    static List<CorsHttpMethod> corsMethods() {
        Set<CorsHttpMethod> methods = new LinkedHashSet<>();
        for (RouteSpec route : Catalog.ROUTES) {
            methods.add(CorsHttpMethod.valueOf(route.method()));
        }
        methods.add(CorsHttpMethod.OPTIONS);
        return List.copyOf(methods);
    }

    public HttpApi httpApi() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }

    /** The invoke URL of the {@code $default} stage (ends in a slash). */
    public String url() {
        return stage.getUrl();
    }

    /** {@code https://<api id>.execute-api.<region>.amazonaws.com}, the base URL without a trailing slash. */
    public String endpoint() {
        return api.getApiEndpoint();
    }
}
