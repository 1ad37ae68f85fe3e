package io.campaignpulse.serde;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@link SpecificData} a deserializer decodes with: the target class's own model (its
 * logical-type conversions, e.g. {@code timestamp-millis} to {@code Instant}) plus the classes of
 * every named type in the target's schema, resolved up front.
 *
 * <p>Why: since Avro 1.12.1, {@code SpecificData} resolves record and enum classes by name only if
 * {@code org.apache.avro.util.ClassSecurityValidator} trusts them (system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} or a global predicate), and otherwise fails with a
 * {@link SecurityException}. A deserializer constructed for a generated class only ever
 * instantiates the classes named in that class's compiled {@code SCHEMA$}, so those exact classes
 * are trusted here, without changing JVM-wide settings. Any other class still goes through
 * Avro's validation.
 */
final class ReaderModel extends SpecificData {

  private final Map<String, Class<?>> classesByFullName;

  private ReaderModel(ClassLoader loader, Map<String, Class<?>> classesByFullName) {
    super(loader);
    this.classesByFullName = classesByFullName;
  }

  /** The model for decoding into {@code type}, whose compiled schema is {@code readerSchema}. */
  static ReaderModel of(Class<? extends SpecificRecord> type, SpecificData typeModel,
      Schema readerSchema) {
    ClassLoader loader = type.getClassLoader();
    Map<String, Class<?>> classes = new HashMap<>();
    collect(readerSchema, loader, classes);
    classes.put(readerSchema.getFullName(), type);
    ReaderModel model = new ReaderModel(loader, Collections.unmodifiableMap(classes));
    typeModel.getConversions().forEach(model::addLogicalTypeConversion);
    return model;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Class getClass(Schema schema) {
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        Class<?> known = classesByFullName.get(schema.getFullName());
        if (known != null) {
          return known;
        }
      }
      default -> {
      }
    }
    return super.getClass(schema);
  }

  private static void collect(Schema schema, ClassLoader loader, Map<String, Class<?>> classes) {
    switch (schema.getType()) {
      case RECORD -> {
        if (resolve(schema, loader, classes)) {
          schema.getFields().forEach(f -> collect(f.schema(), loader, classes));
        }
      }
      case ENUM, FIXED -> resolve(schema, loader, classes);
      case UNION -> schema.getTypes().forEach(t -> collect(t, loader, classes));
      case ARRAY -> collect(schema.getElementType(), loader, classes);
      case MAP -> collect(schema.getValueType(), loader, classes);
      default -> {
      }
    }
  }

  /** Adds the class of a named type; false when it was already visited. */
  private static boolean resolve(Schema schema, ClassLoader loader,
      Map<String, Class<?>> classes) {
    if (classes.containsKey(schema.getFullName())) {
      return false;
    }
    Class<?> c;
    try {
      c = Class.forName(SpecificData.getClassName(schema), false, loader);
    } catch (ClassNotFoundException e) {
      c = null; // not generated: leave it to SpecificData (decodes generically)
    }
    classes.put(schema.getFullName(), c);
    return true;
  }
}
