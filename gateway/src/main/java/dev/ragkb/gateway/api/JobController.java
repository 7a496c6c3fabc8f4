package dev.ragkb.gateway.api;

import dev.ragkb.core.Job;
import dev.ragkb.core.JobStatus;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.gateway.api.ApiModels.JobView;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Ingestion progress, as a snapshot or as a stream of server-sent events. */
@RestController
class JobController {

  private static final Logger log = LoggerFactory.getLogger(JobController.class);

  /** How often a stream looks at the job; progress is counted in whole documents, so this is plenty. */
  private static final Duration POLL = Duration.ofMillis(250);

  /** A stream ends after this even if the job has not; the client reconnects for more. */
  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

  private final JobStore jobs;
  private final ExecutorService executor;

  JobController(JobStore jobs, @Qualifier("jobEventsExecutor") ExecutorService executor) {
    this.jobs = jobs;
    this.executor = executor;
  }

  @GetMapping("/v1/jobs/{id}")
  JobView get(@PathVariable("id") String id) {
    return JobView.of(find(id));
  }

  /**
   * Streams {@code progress} events, each the job as {@code GET /v1/jobs/{id}} returns it, whenever
   * it changes; the last one has a final status, then the stream ends.
   */
  @GetMapping(path = "/v1/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@PathVariable("id") String id) {
    find(id); // an unknown job is a 404, not an empty stream
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    executor.execute(() -> stream(id, emitter));
    return emitter;
  }

  private void stream(String id, SseEmitter emitter) {
    JobView last = null;
    try {
      while (true) {
        Job job = find(id);
        JobView view = JobView.of(job);
        if (!view.equals(last)) {
          emitter.send(SseEmitter.event().name("progress").id(String.valueOf(job.done())).data(view, MediaType.APPLICATION_JSON));
          last = view;
        }
        if (isFinal(job.status())) {
          emitter.complete();
          return;
        }
        Thread.sleep(POLL);
      }
    } catch (IOException | IllegalStateException e) {
      log.debug("job={} event stream closed by the client", id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      emitter.complete();
    } catch (RuntimeException e) {
      emitter.completeWithError(e);
    }
  }

  private static boolean isFinal(JobStatus status) {
    return switch (status) {
      case QUEUED, RUNNING -> false;
      case SUCCEEDED, PARTIALLY_FAILED, FAILED -> true;
    };
  }

  private Job find(String id) {
    return jobs.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
  }
}
