"""The pipeline version, part of every record id's promise: same bytes and version, same ids."""

PIPELINE_VERSION = "0.1.0"
