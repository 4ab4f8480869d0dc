package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ListLabelingJobs and ListLabelingJobsForWorkteam in SageMaker's JSON: filters, sorting and paging. */
class JobListingTest {

    private final LabelingBench bench = new LabelingBench();
    private final JobListing listing = new JobListing(bench.store, bench.teams);

    /** Creates the jobs a minute apart, in this order. */
    private void create(String... names) {
        for (String name : names) {
            bench.jobService.create(bench.imageRequest(name, 2, 1, r -> {}), ACCOUNT);
            bench.clock.advanceSeconds(60);
        }
    }

    private static List<String> names(JobPage page) {
        return page.jobs().stream().map(JobSummary::name).toList();
    }

    private static ObjectNode query(String json) {
        return (ObjectNode) Json.parse(json);
    }

    @Test
    void byDefaultJobsComeOldestFirstTenToAPage() {
        create("b-job", "a-job", "c-job");

        JobPage page = listing.list(Json.object());

        assertThat(names(page)).containsExactly("b-job", "a-job", "c-job");
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void sortByNameDescendingPagesThroughNextToken() {
        create("b-job", "a-job", "c-job");

        JobPage first = listing.list(query("{\"SortBy\":\"Name\",\"SortOrder\":\"Descending\",\"MaxResults\":2}"));
        JobPage second = listing.list(query("{\"SortBy\":\"Name\",\"SortOrder\":\"Descending\",\"MaxResults\":2}")
                .put("NextToken", first.nextToken()));

        assertThat(names(first)).containsExactly("c-job", "b-job");
        assertThat(names(second)).containsExactly("a-job");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void creationTimeNameAndStatusFiltersNarrowTheList() {
        java.time.Instant start = bench.clock.instant();
        create("cats-1", "dogs-1", "cats-2");
        bench.jobService.stop("cats-2");

        assertThat(names(listing.list(query("{\"NameContains\":\"CATS\"}")))).containsExactly("cats-1", "cats-2");
        assertThat(names(listing.list(Json.object().put("CreationTimeAfter", start.getEpochSecond() + 30))))
                .containsExactly("dogs-1", "cats-2");
        assertThat(names(listing.list(Json.object().put("CreationTimeBefore", start.getEpochSecond() + 30))))
                .containsExactly("cats-1");
        assertThat(names(listing.list(query("{\"StatusEquals\":\"Stopping\"}"))))
                .containsExactly("cats-2");
        assertThat(names(listing.list(query("{\"SortBy\":\"Status\"}"))))
                .first()
                .isEqualTo("cats-1");
    }

    @Test
    void aBadSortOrderMaxResultsAndTokenAreEachNamed() {
        assertThatThrownBy(() -> listing.list(query("{\"SortOrder\":\"Up\",\"MaxResults\":500,\"NextToken\":\"x\"}")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("SortOrder")
                .hasMessageContaining("MaxResults")
                .hasMessageContaining("NextToken");
    }

    @Test
    void jobsForAWorkteamAnswerTheirReferenceCodeAccountAndCounters() {
        create("team-job");
        String team = bench.store
                .get("team-job")
                .orElseThrow()
                .request()
                .at("/HumanTaskConfig/WorkteamArn")
                .asText();

        WorkteamJobPage page = listing.listForWorkteam(Json.object().put("WorkteamArn", team));

        WorkteamJobPage.Job job = page.jobs().get(0);
        assertThat(job.name()).isEqualTo("team-job");
        assertThat(job.workRequesterAccountId()).isEqualTo(ACCOUNT);
        assertThat(job.jobReferenceCode()).startsWith("team-job-");
        assertThat(job.pendingHuman()).isEqualTo(job.total());
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void jobsForAnUnknownWorkteamAreResourceNotFound() {
        assertThatThrownBy(() -> listing.listForWorkteam(Json.object()
                        .put(
                                "WorkteamArn",
                                "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":workteam/private-crowd/nobody")))
                .isInstanceOf(NotFoundException.class);
    }
}
