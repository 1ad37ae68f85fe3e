package io.campaignpulse.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary of a generated class's compiled schema, with no registry and no header: for a pipeline's
 * internal stores, which are written and read by the same build (a schema change that is not backward compatible
 * needs a reset of those stores, like any internal format). Trusts exactly the classes of that schema
 * ({@link ReaderModel}).
 */
public final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;

  public AvroBinarySerde(Class<T> type) {
    this.type = type;
    SpecificData typeModel = SpecificData.getForClass(type);
    Schema schema = typeModel.getSchema(type);
    ReaderModel model = ReaderModel.of(type, typeModel, schema);
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.reader = new SpecificDatumReader<>(schema, schema, model);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      try {
        writer.write(value, encoder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
      T value;
      boolean trailing;
      try {
        value = reader.read(null, decoder);
        trailing = !decoder.isEnd();
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("not an Avro binary " + type.getSimpleName() + " (" + bytes.length
            + " bytes)", e);
      }
      if (trailing) {
        throw new SerializationException("trailing bytes after a " + type.getSimpleName() + " (" + bytes.length
            + " bytes)");
      }
      return value;
    };
  }
}
