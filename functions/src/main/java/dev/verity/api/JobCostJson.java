package dev.verity.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.cost.FunctionCost;
import dev.verity.cost.JobCost;
import dev.verity.cost.ServiceCost;
import dev.verity.json.Json;
import java.util.Map;

/** A job's AWS cost as the console gets it ({@code GET /jobs/{name}/cost}). Dollars unrounded: they add up. */
public final class JobCostJson {

    private JobCostJson() {}

    public static ObjectNode cost(JobCost cost) {
        ObjectNode out = Json.object().put("LabelingJobName", cost.jobName());
        out.putObject("prices")
                .put("region", cost.prices().region())
                .put("checkedOn", cost.prices().checkedOn().toString());
        out.put("objects", cost.objects()).put("totalDollars", cost.total());
        if (cost.objects() > 0) {
            out.put("dollarsPerObject", cost.perObject());
        } else {
            out.putNull("dollarsPerObject");
        }
        ArrayNode services = out.putArray("services");
        for (ServiceCost s : cost.services()) {
            services.addObject()
                    .put("service", s.service())
                    .put("requests", s.requests())
                    .put("units", s.units())
                    .put("unit", s.unit())
                    .put("detail", s.detail())
                    .put("dollars", s.dollars());
        }
        ArrayNode functions = out.putArray("functions");
        for (FunctionCost f : cost.functions()) {
            functions
                    .addObject()
                    .put("function", f.function())
                    .put("invocations", f.invocations())
                    .put("gbSeconds", f.gbSeconds())
                    .put("dollars", f.dollars());
        }
        ArrayNode requests = out.putArray("requests");
        cost.usage().requests().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> requests.addObject()
                        .put("service", e.getKey().service())
                        .put("operation", e.getKey().name())
                        .put("count", e.getValue()));
        out.put("stateTransitions", cost.usage().stateTransitions());
        return out;
    }
}
