#!/usr/bin/env node
// Runs cdk-nag's AwsSolutions pack over synthesized CloudFormation templates (the C# CDK app's
// output): each template is loaded with aws-cdk-lib's CfnInclude into a stack of its own, so the
// resources, and the suppressions the C# app wrote into their Metadata.cdk_nag, are checked as
// cdk-nag checks a CDK app. Prints every finding; exits 1 when any unsuppressed error remains,
// 2 on bad usage. Usage: node nag.js <template.json | cdk.out directory>...
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { App, Aspects, DefaultStackSynthesizer, Stack } = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');

function templatesOf(args) {
  const files = [];
  for (const arg of args) {
    const stat = fs.statSync(arg, { throwIfNoEntry: false });
    if (!stat) {
      throw new Error(`${arg} does not exist`);
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) {
        if (name.endsWith('.template.json')) {
          files.push(path.join(arg, name));
        }
      }
    } else {
      files.push(arg);
    }
  }
  return files;
}

function findings(construct, level) {
  const found = [];
  for (const child of construct.node.findAll()) {
    for (const entry of child.node.metadata) {
      if (entry.type === level && String(entry.data).startsWith('AwsSolutions-')) {
        found.push(`${child.node.path}: ${String(entry.data).split('\n')[0]}`);
      }
    }
  }
  return found;
}

function main(args) {
  if (args.length === 0) {
    console.error('usage: nag.js <template.json | cdk.out directory>...');
    return 2;
  }
  const templates = templatesOf(args);
  if (templates.length === 0) {
    console.error(`no *.template.json in ${args.join(' ')}`);
    return 2;
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretless-nag-'));
  try {
    const app = new App({ outdir });
    const stacks = templates.map((file) => {
      // The included template already carries the bootstrap version parameter and rule.
      const stack = new Stack(app, path.basename(file, '.template.json'), {
        synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
      });
      new CfnInclude(stack, 'Template', { templateFile: file });
      return stack;
    });
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: false, reports: false }));
    app.synth();
    let errors = 0;
    for (const stack of stacks) {
      const stackErrors = findings(stack, 'aws:cdk:error');
      const stackWarnings = findings(stack, 'aws:cdk:warning');
      errors += stackErrors.length;
      console.log(`${stack.stackName}: ${stackErrors.length} unsuppressed errors, ${stackWarnings.length} warnings`);
      stackErrors.forEach((line) => console.log(`  error   ${line}`));
      stackWarnings.forEach((line) => console.log(`  warning ${line}`));
    }
    console.log(errors === 0 ? 'cdk-nag AwsSolutions: passed' : `cdk-nag AwsSolutions: ${errors} unsuppressed errors`);
    return errors === 0 ? 0 : 1;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`cdk-nag: ${error.message}`);
  process.exitCode = 2;
}
