"""The commands: build (the pipeline), serve, new and schema."""
