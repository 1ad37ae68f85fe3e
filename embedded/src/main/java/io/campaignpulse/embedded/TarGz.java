package io.campaignpulse.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .tar.gz} archive into a directory, keeping its structure, with plain Java (commons-compress) so
 * no {@code tar} command is needed.
 *
 * <p>Real pax extended headers are read by commons-compress; entries that some tar tools emit as visible
 * {@code PaxHeaders.NNN/...} files (what a reader that does not understand pax sees) are skipped. Executable bits
 * are kept, symbolic and hard links inside the archive are recreated, and entries that would land outside the
 * target directory ({@code ../}, absolute paths, links pointing out) are refused.
 */
public final class TarGz {

  private static final Pattern PAX_HEADERS_SEGMENT = Pattern.compile("(^|/)PaxHeaders(\\.\\d+)?(/|$)");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private TarGz() {
  }

  /** Extracts {@code archive} into {@code targetDir} (created if needed). */
  public static void extract(Path archive, Path targetDir) throws IOException {
    Path target = Files.createDirectories(targetDir).toRealPath();
    try (InputStream file = Files.newInputStream(archive);
       TarArchiveInputStream tar = new TarArchiveInputStream(
           GzipCompressorInputStream.builder()
               .setInputStream(new BufferedInputStream(file, 1 << 16))
               .setDecompressConcatenated(true)
               .get())) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = normalizeName(entry.getName());
        if (name.isEmpty() || isPaxHeaders(name) || entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
          continue;
        }
        Path out = inside(target, name);
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Path link = Path.of(entry.getLinkName());
          inside(target, out.getParent().resolve(link).normalize(), entry.getName());
          Files.deleteIfExists(out);
          Files.createSymbolicLink(out, link);
        } else if (entry.isLink()) {
          Files.createDirectories(out.getParent());
          Files.copy(inside(target, normalizeName(entry.getLinkName())), out,
              StandardCopyOption.REPLACE_EXISTING);
        } else if (entry.isFile()) {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          applyMode(out, entry.getMode());
          Files.setLastModifiedTime(out, FileTime.from(entry.getModTime().toInstant()));
        }
        // devices, FIFOs and other special entries are not needed by any distribution and are skipped
      }
    }
  }

  /** True for entry names inside a {@code PaxHeaders} or {@code PaxHeaders.NNN} folder. */
  static boolean isPaxHeaders(String name) {
    return PAX_HEADERS_SEGMENT.matcher(name).find();
  }

  private static String normalizeName(String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n.equals(".") ? "" : n;
  }

  private static Path inside(Path target, String name) throws IOException {
    return inside(target, target.resolve(name).normalize(), name);
  }

  private static Path inside(Path target, Path resolved, String name) throws IOException {
    if (!resolved.startsWith(target)) {
      throw new IOException("archive entry " + name + " points outside " + target + "; refusing to extract");
    }
    return resolved;
  }

  private static void applyMode(Path file, int mode) throws IOException {
    if (!POSIX) {
      return;
    }
    int bits = (mode & 0777) | 0600;
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };
    for (int i = 0; i < order.length; i++) {
      if ((bits & (1 << i)) != 0) {
        perms.add(order[i]);
      }
    }
    Files.setPosixFilePermissions(file, perms);
  }
}
