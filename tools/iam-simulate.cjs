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

// Who may assume a role: one request against the role's trust policy (and, for a principal of the same
// account, the identity policy that lets it call sts:AssumeRole).
// input: {"trustPolicy": {...}, "role": "arn:aws:iam::...:role/x", "account": "123456789012",
//         "requests": [{"principal": "arn:...", "action": "sts:AssumeRole...", "context": {...},
//                       "identityPolicy": {...} (optional)}]}
// answer: one {"principal", "action", "result"} per request.
// GitHub's OIDC claims (token.actions.githubusercontent.com:sub, :aud) are condition keys of that identity
// provider, not of a service: the Service Authorization Reference does not list them, so runSimulation
// drops them from the request (its ignoredContextKeys) and no trust condition on them could ever match.
// This runs the same core evaluation as runSimulation and runUnsafeSimulation (CoreSimulatorEngine's
// authorize, in Strict mode) with the context as given; runUnsafeSimulation itself cannot be used: it
// loads a resource policy without a name, which its resource-policy analysis then reads.
const path = require('path');
const engine = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
const { authorize } = require(path.join(engine, 'core_engine', 'CoreSimulatorEngine.js'));
const { AwsRequestImpl } = require(path.join(engine, 'request', 'request.js'));
const { RequestContextImpl } = require(path.join(engine, 'requestContext.js'));
const { DiscoveryContextKeyConstraints } = require(path.join(engine, 'context_keys', 'discoveryContextKeyConstraints.js'));
const { loadPolicy } = require('@cloud-copilot/iam-policy');

function simulateTrust(input) {
  return input.requests.map((request) => {
    const analysis = authorize({
      request: new AwsRequestImpl(request.principal, { resource: input.role, accountId: input.account },
          request.action, new RequestContextImpl(request.context || {})),
      sessionPolicy: undefined,
      identityPolicies: request.identityPolicy ? [loadPolicy(request.identityPolicy, { name: 'identity' })] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: loadPolicy(input.trustPolicy, { name: 'trust' }),
      permissionBoundaries: undefined,
      vpcEndpointPolicies: undefined,
      simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
      serviceSettings: { s3: {} },
    });
    return { principal: request.principal, action: request.action, result: analysis.result };
  });
}

module.exports = { simulate, simulateTrust };

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
