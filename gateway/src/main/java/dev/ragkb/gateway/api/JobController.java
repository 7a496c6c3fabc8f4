package dev.ragkb.gateway.api;

import dev.ragkb.core.JobStore;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.gateway.api.ApiModels.JobView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Ingestion progress. */
@RestController
class JobController {

  private final JobStore jobs;

  JobController(JobStore jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/v1/jobs/{id}")
  JobView get(@PathVariable("id") String id) {
    return jobs.find(id).map(JobView::of).orElseThrow(() -> new NotFoundException("no job " + id));
  }
}
