package dev.ragkb.gateway.api;

import dev.ragkb.core.AccessDeniedException;
import dev.ragkb.core.ConflictException;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.RagkbException;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.UnparseableDocumentException;
import dev.ragkb.core.UnsupportedDocumentTypeException;
import java.net.URI;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps exceptions to RFC 9457 problem details in one table. Spring's own errors (malformed JSON,
 * validation, wrong method or media type, too large an upload) come through the base class.
 * Stack traces and backend messages never reach the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  /** Seconds a client should wait before retrying a 503. */
  private static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(RagkbException.class)
  ResponseEntity<ProblemDetail> ragkb(RagkbException e) {
    HttpStatus status = switch (e) {
      case InvalidRequestException x -> HttpStatus.BAD_REQUEST;
      case NotFoundException x -> HttpStatus.NOT_FOUND;
      case ConflictException x -> HttpStatus.CONFLICT;
      case AccessDeniedException x -> HttpStatus.FORBIDDEN;
      case UnsupportedDocumentTypeException x -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case UnparseableDocumentException x -> HttpStatus.UNPROCESSABLE_CONTENT;
      case RetriableException x -> HttpStatus.SERVICE_UNAVAILABLE;
    };
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e instanceof RetriableException
        ? "a backend is temporarily unavailable; retry later" : e.getMessage());
    problem.setType(URI.create("urn:ragkb:problem:" + e.code()));
    problem.setTitle(status.getReasonPhrase());
    var response = ResponseEntity.status(status);
    if (e instanceof RetriableException) {
      log.warn("answered 503: {}", e.getMessage(), e);
      response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return response.body(problem);
  }

  /** Names each rejected field and why, instead of Spring's bare "Invalid request content." */
  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    e.getBody().setDetail(e.getBindingResult().getFieldErrors().stream()
        .map(f -> f.getField() + " " + f.getDefaultMessage())
        .sorted()
        .collect(Collectors.joining("; ")));
    return super.handleMethodArgumentNotValid(e, headers, status, request);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(URI.create("urn:ragkb:problem:invalid_request"));
    problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
    return ResponseEntity.badRequest().body(problem);
  }
}
