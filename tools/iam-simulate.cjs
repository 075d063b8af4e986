// Evaluates AWS requests against one identity policy with @cloud-copilot/iam-simulate, the way IAM
// would for a role in the same account (no SCPs, no boundary, no resource policy).
// input: {"policy": {...}, "account": "123456789012", "principal": "arn:aws:iam::...:role/x",
//         "requests": [{"action": "s3:GetObject", "resource": "arn:...", "context": {"k": "v"},
//                       "resourcePolicy": {...} (optional: e.g. a KMS key policy, which KMS always consults)}]}
// answer: one JSON array, one {"action", "resource", "result"} per request, in order; result is
// Allowed, ImplicitlyDenied, ExplicitlyDenied, or "Error: <why>" when the request could not be evaluated.
// The tests ask it through tools/checks.cjs (one Node process for all their checks); run directly, it
// reads the input on stdin and writes the answer on stdout.
'use strict';
const { runSimulation, runUnsafeSimulation } = require('@cloud-copilot/iam-simulate');

async function simulate(input) {
  const results = [];
  for (const request of input.requests) {
    const simulation = {
      request: {
        principal: input.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: input.account },
        contextVariables: request.context || {},
      },
      identityPolicies: [{ name: 'policy', policy: input.policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
    };
    const outcome = await runSimulation(simulation, {});
    let result;
    if (outcome.resultType !== 'error') {
      result = outcome.overallResult;
    } else if (outcome.errors.message === 'multiple.resource.types') {
      // The ARN fits more than one resource type of the action (AWS Backup's tag actions accept a vault, a
      // plan, a logically air-gapped vault...), so the validating entry point will not choose one. The same
      // policy evaluation, without that validation, decides it.
      result = runUnsafeSimulation(simulation, {});
    } else {
      result = 'Error: ' + JSON.stringify(outcome.errors);
    }
    results.push({ action: request.action, resource: request.resource, result });
  }
  return results;
}

module.exports = { simulate };

if (require.main === module) {
  (async () => {
    const chunks = [];
    for await (const chunk of process.stdin) {
      chunks.push(chunk);
    }
    const results = await simulate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    process.stdout.write(JSON.stringify(results));
  })().catch((error) => {
    process.stderr.write(String(error && error.stack || error) + '\n');
    process.exit(2);
  });
}
