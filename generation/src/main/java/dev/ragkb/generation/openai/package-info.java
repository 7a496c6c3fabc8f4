/**
 * The adapter for GPU generators behind an OpenAI-compatible {@code /v1/chat/completions} endpoint
 * (vLLM, SGLang, TGI, Ollama): streaming, timeouts, retries, a circuit breaker and metrics.
 */
@NullMarked
package dev.ragkb.generation.openai;

import org.jspecify.annotations.NullMarked;
