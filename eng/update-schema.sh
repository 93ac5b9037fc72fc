#!/usr/bin/env bash
# Regenerates docs/schema/index-definition.schema.json from the definition records and MethodRegistry.Default
# (run after adding a method or a definition property; the schema test fails until the file is committed).
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_SCHEMA=1 dotnet test tests/CompositeIndex.Tests --filter "FullyQualifiedName~SchemaTests.GenerateSchema_CommittedFile_IsUpToDate" "$@" >/dev/null || true
# The embedded copy is compiled from the file: rebuild once more so the test of the embedded resource sees it.
dotnet test tests/CompositeIndex.Tests --filter "FullyQualifiedName~SchemaTests" "$@"
git --no-pager diff --stat -- docs/schema/index-definition.schema.json
