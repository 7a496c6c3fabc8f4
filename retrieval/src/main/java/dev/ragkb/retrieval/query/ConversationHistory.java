package dev.ragkb.retrieval.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recent questions of each conversation, in memory and bounded: the least recently used
 * conversation is forgotten first, and each keeps only its last few questions. Keys should include
 * the caller, so one user's conversation never shapes another's queries. Thread-safe.
 */
public final class ConversationHistory {

  private final int maxConversations;
  private final int maxTurns;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, List<String>> turns;

  public ConversationHistory(int maxConversations, int maxTurns) {
    if (maxConversations < 1 || maxTurns < 1) {
      throw new IllegalArgumentException("maxConversations and maxTurns must be > 0");
    }
    this.maxConversations = maxConversations;
    this.maxTurns = maxTurns;
    this.turns = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
        return size() > ConversationHistory.this.maxConversations;
      }
    };
  }

  /** The conversation's earlier questions, oldest first; empty for a new conversation. */
  public List<String> previous(String conversation) {
    lock.lock();
    try {
      return List.copyOf(turns.getOrDefault(conversation, List.of()));
    } finally {
      lock.unlock();
    }
  }

  /** Records a question as the conversation's latest turn. */
  public void add(String conversation, String question) {
    lock.lock();
    try {
      List<String> list = new ArrayList<>(turns.getOrDefault(conversation, List.of()));
      list.add(question);
      turns.put(conversation, List.copyOf(list.subList(Math.max(0, list.size() - maxTurns), list.size())));
    } finally {
      lock.unlock();
    }
  }
}
