package dev.verity.emulators.sns;

import dev.verity.emulators.support.LoopbackHttpServer.Request;
import dev.verity.emulators.support.LoopbackHttpServer.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS's query protocol over {@link SnsService}: the action and its parameters come form-encoded (POST body or query
 * string); the answer is {@code <ActionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">} with an
 * {@code <ActionResult>} and {@code <ResponseMetadata>}, or an {@code <ErrorResponse>} whose {@code Code} the SDK
 * maps to its exception class ({@code NotFound} → {@code NotFoundException}, ...).
 *
 * <p>Requests must be SigV4-signed (any credentials), except a GET of a notification's UnsubscribeURL: see
 * {@link Request#isSigned()}.
 */
final class SnsApi {
    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final String CONTENT_TYPE = "text/xml";
    private static final Logger LOG = LoggerFactory.getLogger(SnsApi.class);

    private final SnsService service;
    private final Map<String, Function<QueryParameters, Xml>> actions = new LinkedHashMap<>();

    SnsApi(SnsService service) {
        this.service = service;
        actions.put("CreateTopic", this::createTopic);
        actions.put("DeleteTopic", this::deleteTopic);
        actions.put("ListTopics", this::listTopics);
        actions.put("GetTopicAttributes", this::getTopicAttributes);
        actions.put("SetTopicAttributes", this::setTopicAttributes);
        actions.put("Subscribe", this::subscribe);
        actions.put("Unsubscribe", this::unsubscribe);
        actions.put("ListSubscriptions", this::listSubscriptions);
        actions.put("ListSubscriptionsByTopic", this::listSubscriptionsByTopic);
        actions.put("GetSubscriptionAttributes", this::getSubscriptionAttributes);
        actions.put("ListTagsForResource", this::listTagsForResource);
        actions.put("Publish", this::publish);
    }

    Response handle(Request request) {
        String requestId = UUID.randomUUID().toString();
        try {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            QueryParameters parameters = QueryParameters.parse(request.rawQuery(), body);
            String action = parameters.get("Action");
            boolean unsubscribeLink = request.method().equals("GET") && "Unsubscribe".equals(action);
            if (!request.isSigned() && !unsubscribeLink) {
                throw new SnsException(
                        403,
                        "MissingAuthenticationToken",
                        "Request is missing Authentication Token (Verity's local SNS emulator accepts any"
                                + " credentials, but requests must be signed, as the SDKs and the AWS CLI do)");
            }
            Function<QueryParameters, Xml> handler = action == null ? null : actions.get(action);
            if (handler == null) {
                throw new SnsException(
                        400,
                        "InvalidAction",
                        "The action " + action + " is not valid for this web service"
                                + (action == null ? "" : " (or not supported by Verity's local SNS emulator)"));
            }
            Xml result = handler.apply(parameters);
            Xml xml = new Xml().open(action + "Response", NAMESPACE);
            if (result != null) {
                xml.open(action + "Result").raw(result).close(action + "Result");
            }
            xml.open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata");
            xml.close(action + "Response");
            return response(200, xml, requestId);
        } catch (SnsException e) {
            return error(e.status(), e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.warn("SNS request failed", e);
            return error(500, "InternalError", String.valueOf(e), requestId);
        }
    }

    private static Response error(int status, String code, String message, String requestId) {
        Xml xml = new Xml()
                .open("ErrorResponse", NAMESPACE)
                .open("Error")
                .element("Type", status >= 500 ? "Receiver" : "Sender")
                .element("Code", code)
                .element("Message", message)
                .close("Error")
                .element("RequestId", requestId)
                .close("ErrorResponse");
        return response(status, xml, requestId);
    }

    private static Response response(int status, Xml xml, String requestId) {
        return new Response(
                status,
                CONTENT_TYPE,
                xml.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("x-amzn-RequestId", requestId));
    }

    // ---- actions: each returns the content of <ActionResult>, or null for none ----

    private Xml createTopic(QueryParameters p) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> tag : p.members("Tags.member")) {
            if (tag.get("Key") == null || tag.get("Value") == null) {
                throw SnsException.invalidParameter("Invalid parameter: Tags Reason: a tag needs a Key and a Value");
            }
            tags.put(tag.get("Key"), tag.get("Value"));
        }
        Map<String, String> attributes = p.map("Attributes");
        if (p.get("DataProtectionPolicy") != null) {
            attributes.put("DataProtectionPolicy", p.get("DataProtectionPolicy"));
        }
        return Xml.fragment().element("TopicArn", service.createTopic(p.required("Name"), attributes, tags));
    }

    private Xml deleteTopic(QueryParameters p) {
        service.deleteTopic(p.required("TopicArn"));
        return null;
    }

    private Xml listTopics(QueryParameters p) {
        SnsService.Page<Topic> page = service.listTopics(p.get("NextToken"));
        Xml xml = Xml.fragment().open("Topics");
        page.items()
                .forEach(t -> xml.open("member").element("TopicArn", t.arn()).close("member"));
        return xml.close("Topics").element("NextToken", page.nextToken());
    }

    private Xml getTopicAttributes(QueryParameters p) {
        return entries("Attributes", service.topicAttributes(p.required("TopicArn")));
    }

    private Xml setTopicAttributes(QueryParameters p) {
        service.setTopicAttribute(p.required("TopicArn"), p.required("AttributeName"), p.get("AttributeValue"));
        return null;
    }

    private Xml subscribe(QueryParameters p) {
        String protocol = p.required("Protocol");
        Subscription subscription =
                service.subscribe(p.required("TopicArn"), protocol, p.get("Endpoint"), p.map("Attributes"));
        // Confirmed at once locally, but answered as SNS answers an e-mail subscription that waits for its
        // confirmation, so code that relies on the ARN without asking for it fails here as it would in AWS.
        boolean pending = protocol.startsWith("email") && !p.flag("ReturnSubscriptionArn");
        return Xml.fragment().element("SubscriptionArn", pending ? "pending confirmation" : subscription.arn());
    }

    private Xml unsubscribe(QueryParameters p) {
        service.unsubscribe(p.required("SubscriptionArn"));
        return null;
    }

    private Xml listSubscriptions(QueryParameters p) {
        return subscriptions(service.listSubscriptions(p.get("NextToken")));
    }

    private Xml listSubscriptionsByTopic(QueryParameters p) {
        return subscriptions(service.listSubscriptionsByTopic(p.required("TopicArn"), p.get("NextToken")));
    }

    private Xml subscriptions(SnsService.Page<Subscription> page) {
        Xml xml = Xml.fragment().open("Subscriptions");
        for (Subscription s : page.items()) {
            xml.open("member")
                    .element("SubscriptionArn", s.arn())
                    .element("Owner", service.account())
                    .element("Protocol", s.protocol())
                    .element("Endpoint", s.endpoint())
                    .element("TopicArn", s.topicArn())
                    .close("member");
        }
        return xml.close("Subscriptions").element("NextToken", page.nextToken());
    }

    private Xml getSubscriptionAttributes(QueryParameters p) {
        return entries("Attributes", service.subscriptionAttributes(p.required("SubscriptionArn")));
    }

    private Xml listTagsForResource(QueryParameters p) {
        Xml xml = Xml.fragment().open("Tags");
        service.tags(p.required("ResourceArn"))
                .forEach((key, value) -> xml.open("member")
                        .element("Key", key)
                        .element("Value", value)
                        .close("member"));
        return xml.close("Tags");
    }

    private Xml publish(QueryParameters p) {
        Map<String, Notification.MessageAttribute> attributes = new LinkedHashMap<>();
        for (Map<String, String> entry : p.members("MessageAttributes.entry")) {
            String name = entry.get("Name");
            if (name == null || name.isEmpty()) {
                throw SnsException.invalidParameter("Invalid parameter: MessageAttributes Reason: a name is missing");
            }
            attributes.put(
                    name,
                    new Notification.MessageAttribute(
                            entry.get("Value.DataType"),
                            entry.get("Value.StringValue"),
                            entry.get("Value.BinaryValue")));
        }
        SnsService.Published published = service.publish(new SnsService.PublishRequest(
                p.get("TopicArn"),
                p.get("TargetArn"),
                p.get("PhoneNumber"),
                p.get("Message"),
                p.get("Subject"),
                p.get("MessageStructure"),
                attributes,
                p.get("MessageGroupId"),
                p.get("MessageDeduplicationId")));
        return Xml.fragment()
                .element("MessageId", published.messageId())
                .element("SequenceNumber", published.sequenceNumber());
    }

    /** A query-protocol map: {@code <name><entry><key>..</key><value>..</value></entry>...</name>}. */
    private static Xml entries(String name, Map<String, String> map) {
        Xml xml = Xml.fragment().open(name);
        map.forEach((key, value) ->
                xml.open("entry").element("key", key).element("value", value).close("entry"));
        return xml.close(name);
    }
}
