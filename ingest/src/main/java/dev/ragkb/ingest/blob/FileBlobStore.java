package dev.ragkb.ingest.blob;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.RetriableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Blobs as files under a root directory; a key is a relative path of safe segments. A put writes a
 * temporary file and renames it, so a crash never leaves half a blob under a key.
 */
public final class FileBlobStore implements BlobStore {

  private static final String SEGMENT = "[A-Za-z0-9._-]+";

  private final Path root;

  public FileBlobStore(Path root) {
    this.root = root;
  }

  @Override
  public void put(String key, InputStream content) {
    Path target = resolve(key);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
      try {
        Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot store blob " + key, e);
    }
  }

  @Override
  public InputStream open(String key) {
    try {
      return Files.newInputStream(resolve(key));
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no blob " + key, e);
    } catch (IOException e) {
      throw new RetriableException("cannot read blob " + key, e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(resolve(key));
    } catch (IOException e) {
      throw new RetriableException("cannot delete blob " + key, e);
    }
  }

  @Override
  public void deleteAll(String prefix) {
    Path dir = resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      // deepest first, so each directory is empty when its turn comes
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot delete blobs under " + prefix, e);
    }
  }

  private Path resolve(String key) {
    for (String segment : key.split("/", -1)) {
      if (!segment.matches(SEGMENT) || segment.equals(".") || segment.equals("..")) {
        throw new InvalidRequestException("bad blob key: " + key);
      }
    }
    return root.resolve(key);
  }
}
