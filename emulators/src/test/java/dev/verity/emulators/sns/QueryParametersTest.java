package dev.verity.emulators.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query protocol's flattened parameters, and the XML written back. */
class QueryParametersTest {

    @Test
    void readsScalarsListsAndMapsInIndexOrder() {
        QueryParameters p =
                QueryParameters.parse("Action=CreateTopic&Name=team%2Done&Tags.member.2.Key=b&Tags.member.2.Value=2"
                        + "&Tags.member.1.Key=a&Tags.member.1.Value=1"
                        + "&Attributes.entry.10.key=Policy&Attributes.entry.10.value=%7B%7D"
                        + "&Attributes.entry.9.key=DisplayName&Attributes.entry.9.value=Team+One");

        assertThat(p.get("Action")).isEqualTo("CreateTopic");
        assertThat(p.get("Name")).isEqualTo("team-one");
        assertThat(p.members("Tags.member"))
                .containsExactly(Map.of("Key", "a", "Value", "1"), Map.of("Key", "b", "Value", "2"));
        assertThat(p.map("Attributes"))
                .containsExactly(Map.entry("DisplayName", "Team One"), Map.entry("Policy", "{}"));
        assertThat(p.members("MessageAttributes.entry")).isEqualTo(List.of());
    }

    @Test
    void theBodyOverridesTheQueryStringAndMissingRequiredParametersAreInvalid() {
        QueryParameters p = QueryParameters.parse("Action=ListTopics&NextToken=a", "NextToken=b&Flag=true");

        assertThat(p.get("NextToken")).isEqualTo("b");
        assertThat(p.flag("Flag")).isTrue();
        assertThatThrownBy(() -> p.required("TopicArn"))
                .isInstanceOf(SnsException.class)
                .hasMessage("Invalid parameter: TopicArn");
    }

    @Test
    void xmlEscapesMarkupAndReplacesWhatXmlCannotCarry() {
        String xml = Xml.fragment()
                .element("Message", "<b>&\"'\r\n\u0001")
                .element("Missing", null)
                .toString();

        assertThat(xml).isEqualTo("<Message>&lt;b&gt;&amp;&quot;&apos;&#xD;\n\uFFFD</Message>");
    }
}
