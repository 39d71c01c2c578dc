export { defineBackend, type BackendUnderTest, type BackendQuirks, type ExpectedFailures } from './backend.js';
export { defineSpecSuite, type SpecSuiteOptions } from './spec/suite.js';
export { defineConformanceSuite } from './api/suite.js';
export { ScriptRunner, describeCommand, type CommandResult, type CommandStatus, type ScriptRunnerOptions } from './spec/runner.js';
export { runSpecFile, fileSkipReason } from './spec/run-file.js';
export { ensureTestsuite, listSpecFiles, findRepoRoot, TESTSUITE_COMMIT, TESTSUITE_REPO, PROPOSALS, type SpecFile } from './spec/testsuite.js';
export { loadExpectedFailures, compareWithExpected } from './spec/expected-failures.js';
export { parseScript, type Command, type Action, type ModuleDef, type ModuleSource } from './wast/script.js';
export { wat, createWatConverter, type WatConverter } from './spec/wat.js';
