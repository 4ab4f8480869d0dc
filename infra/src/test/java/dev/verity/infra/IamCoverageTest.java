package dev.verity.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.infra.iam.RecordedCalls;
import dev.verity.infra.iam.RecordedCalls.IamRequest;
import dev.verity.infra.iam.RolePolicies;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every AWS call a function made in the integration and end-to-end tests of the modules before this one (recorded by
 * {@code AwsCallRecorder} into their {@code target/aws-calls}) is one the synthesized stack lets that function's role
 * make: in AWS, a missing grant is an AccessDenied that no local run shows.
 */
class IamCoverageTest {

    private static RolePolicies policies;
    private static RecordedCalls calls;

    @BeforeAll
    static void read() {
        policies = new RolePolicies(Synthesized.get().template.toJSON());
        String roots = System.getProperty("verity.awsCalls.roots", "");
        calls = new RecordedCalls(
                Arrays.stream(roots.split(","))
                        .filter(r -> !r.isBlank())
                        .map(Path::of)
                        .toList(),
                policies.names());
        assertThat(calls.requests())
                .as(
                        "AWS calls recorded by the functions and local modules' tests under %s (run mvn verify from the "
                                + "root: those modules' tests write them)",
                        roots)
                .isNotEmpty();
    }

    @Test
    void everyCallAFunctionMadeInTheTestsIsGrantedToItsRole() {
        assertThat(missingGrants(policies))
                .as("calls the functions' roles do not allow")
                .isEmpty();
    }

    @Test
    void everyFunctionOfTheCatalogWasSeenCallingAws() {
        assertThat(calls.silentFunctions())
                .as("functions no test run recorded, so their grants are unchecked")
                .isEmpty();
    }

    @Test
    void aRoleWithoutTheJobRequestErrorsGrantIsNamedWithTheCallAndTheResource() {
        // Issue 10, defect 2: start-job-from-s3 wrote jobs/errors/<name>.txt with no grant to write it.
        RolePolicies withoutReports = policies.without(
                deployed("start-job-from-s3"), statement -> "JobRequestErrors".equals(statement.sid()));

        assertThat(missingGrants(withoutReports))
                .contains("start-job-from-s3: s3:PutObject on arn:aws:s3:::{bucket}/jobs/errors/bad-job.txt");
    }

    private static Set<String> missingGrants(RolePolicies roles) {
        Set<String> missing = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (IamRequest request : calls.requests()) {
            String finding = request.function() + ": " + request.action() + " on " + request.resource();
            if (!seen.add(finding)) {
                continue;
            }
            List<RolePolicies.Statement> statements = roles.byFunctionName().get(deployed(request.function()));
            if (statements.stream().noneMatch(s -> s.allows(request.action(), request.resource()))) {
                missing.add(finding);
            }
        }
        return missing;
    }

    /** The deployed name of a catalog function: the template's function whose name ends with it. */
    private static String deployed(String function) {
        return policies.byFunctionName().keySet().stream()
                .filter(name -> name.endsWith("-" + function))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function " + function + " in the template"));
    }
}
