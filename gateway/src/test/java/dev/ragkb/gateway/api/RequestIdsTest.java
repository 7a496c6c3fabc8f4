package dev.ragkb.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdsTest {

  private final RequestIds filter = new RequestIds();
  private final List<String> seenInMdc = new ArrayList<>();

  private MockHttpServletResponse serve(MockHttpServletRequest request) throws Exception {
    var response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> seenInMdc.add(MDC.get(RequestIds.MDC_KEY)));
    return response;
  }

  @Test
  void keepsAPlainIdTheClientSent() throws Exception {
    var request = new MockHttpServletRequest("POST", "/v1/knowledge-bases/kb/ask");
    request.addHeader(RequestIds.HEADER, "bot-42.7");

    var response = serve(request);

    assertThat(response.getHeader(RequestIds.HEADER)).isEqualTo("bot-42.7");
    assertThat(seenInMdc).containsExactly("bot-42.7");
    assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
  }

  @Test
  void makesOneWhenNoneOrAnUnsafeOneIsSent() throws Exception {
    var unsafe = new MockHttpServletRequest("GET", "/v1/jobs/x");
    unsafe.addHeader(RequestIds.HEADER, "evil\nforged log line");

    String made = serve(new MockHttpServletRequest("GET", "/v1/jobs/x")).getHeader(RequestIds.HEADER);
    String replaced = serve(unsafe).getHeader(RequestIds.HEADER);

    assertThat(made).isNotBlank().isNotEqualTo(replaced);
    assertThat(replaced).doesNotContain("evil");
    assertThat(seenInMdc).containsExactly(made, replaced);
  }
}
