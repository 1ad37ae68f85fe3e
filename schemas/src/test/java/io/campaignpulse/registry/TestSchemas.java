package io.campaignpulse.registry;

import org.apache.avro.Schema;

/** Small schemas for exercising registry rules. */
final class TestSchemas {
  private TestSchemas() {
  }

  /** An order with an id. */
  static final Schema V1 = parse("""
      {"type":"record","name":"Order","namespace":"test","fields":[
        {"name":"id","type":"string"}]}""");

  /** V1 plus a field with a default: readers on V2 can read V1 data (BACKWARD). */
  static final Schema V2_WITH_DEFAULT = parse("""
      {"type":"record","name":"Order","namespace":"test","fields":[
        {"name":"id","type":"string"},
        {"name":"note","type":"string","default":""}]}""");

  /** V1 plus a required field: readers on it cannot read V1 data (not BACKWARD). */
  static final Schema V2_REQUIRED_FIELD = parse("""
      {"type":"record","name":"Order","namespace":"test","fields":[
        {"name":"id","type":"string"},
        {"name":"qty","type":"int"}]}""");

  /** V1 with the id as an int: incompatible both ways. */
  static final Schema ID_AS_INT = parse("""
      {"type":"record","name":"Order","namespace":"test","fields":[
        {"name":"id","type":"int"}]}""");

  /** ID_AS_INT plus a field with a default: BACKWARD with ID_AS_INT, not with V1. */
  static final Schema ID_AS_INT_WITH_NOTE = parse("""
      {"type":"record","name":"Order","namespace":"test","fields":[
        {"name":"id","type":"int"},
        {"name":"note","type":"string","default":""}]}""");

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
