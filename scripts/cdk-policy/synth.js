// Synthesizes the four documented SageMaker machines with AWS CDK v2
// (aws-cdk-lib's stepfunctions-tasks constructs, or CustomState where CDK
// has none) and prints, per machine, the statements CDK puts in the state
// machine role's policy. In-process synthesis: no AWS account, no network.
//
//   node synth.js > cdk-policies.json      (run from a directory where
//                                           aws-cdk-lib and constructs are installed)
const fs = require("fs");
const path = require("path");
const cdk = require("aws-cdk-lib");
const sfn = require("aws-cdk-lib/aws-stepfunctions");
const tasks = require("aws-cdk-lib/aws-stepfunctions-tasks");
const iam = require("aws-cdk-lib/aws-iam");
const ec2 = require("aws-cdk-lib/aws-ec2");
const s3 = require("aws-cdk-lib/aws-s3");

const env = { account: "123456789012", region: "us-west-2" };
const golden = process.argv[2];

function policyOf(build) {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, "S", { env });
  const definition = build(stack);
  const machine = new sfn.StateMachine(stack, "M", {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
  });
  const template = app.synth().getStackByName("S").template;
  const roleId = stack.getLogicalId(machine.role.node.defaultChild);
  const statements = [];
  for (const r of Object.values(template.Resources)) {
    if (r.Type !== "AWS::IAM::Policy") continue;
    if (!r.Properties.Roles.some((x) => x.Ref === roleId)) continue;
    statements.push(...r.Properties.PolicyDocument.Statement);
  }
  return statements;
}

// The documented definitions: their Task state, as CustomState, for the
// two operations CDK has no construct for (CreateProcessingJob,
// CreateLabelingJob): CDK then grants nothing for them.
function documentedTask(file, name) {
  const def = JSON.parse(fs.readFileSync(path.join(golden, file), "utf8"));
  const state = { ...def.States[name] };
  delete state.Next;
  delete state.Catch;
  delete state.Retry;
  return state;
}

const out = {};

out["sagemaker-training"] = policyOf((stack) => {
  const role = iam.Role.fromRoleArn(stack, "Role",
    "arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role", { mutable: false });
  const train = new tasks.SageMakerCreateTrainingJob(stack, "SageMaker CreateTrainingJob", {
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    trainingJobName: "search-model",
    role,
    algorithmSpecification: { trainingImage: tasks.DockerImage.fromRegistry("..."),
      trainingInputMode: tasks.InputMode.FILE },
    inputDataConfig: [{ channelName: "train", dataSource: { s3DataSource: {
      s3DataType: tasks.S3DataType.S3_PREFIX,
      s3Location: tasks.S3Location.fromBucket(s3.Bucket.fromBucketName(stack, "In", "bucket-name"),
        "doc-search/interim-data/training-data/") } } }],
    outputDataConfig: { s3OutputLocation: tasks.S3Location.fromBucket(
      s3.Bucket.fromBucketName(stack, "Out", "bucket-name"), "doc-search/model") },
    resourceConfig: { instanceCount: 4, instanceType: new ec2.InstanceType("c4.8xlarge"),
      volumeSize: cdk.Size.gibibytes(20) },
    stoppingCondition: { maxRuntime: cdk.Duration.seconds(100000) },
  });
  const del = new tasks.CallAwsService(stack, "Delete Interim Data Job", {
    service: "s3", action: "deleteObject",
    parameters: { Bucket: "bucket-name", Key: "doc-search/interim-data/training-data/train.txt" },
    iamResources: ["arn:aws:s3:::bucket-name/doc-search/interim-data/training-data/train.txt"],
  });
  return train.next(del);
});

out["sagemaker-transform"] = policyOf((stack) =>
  new tasks.SageMakerCreateTransformJob(stack, "SageMaker CreateTransformJob", {
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    transformJobName: "sfn-binary-classification-prediction",
    modelName: "SageMakerCreateTransformJobModel-9iFBKsYti9vr",
    transformInput: { transformDataSource: { s3DataSource: {
      s3DataType: tasks.S3DataType.S3_PREFIX,
      s3Uri: "s3://my-s3bucket-example-1/TransformJobDataInput.txt" } },
      contentType: "text/csv", compressionType: tasks.CompressionType.NONE },
    transformOutput: { s3OutputPath: "s3://my-s3bucket-example-1/TransformJobOutputPath" },
    transformResources: { instanceCount: 1, instanceType: new ec2.InstanceType("m4.xlarge") },
  }));

out["sagemaker-labeling"] = policyOf((stack) =>
  new sfn.CustomState(stack, "SageMaker CreateLabelingJob", {
    stateJson: documentedTask("sagemaker-labeling.asl.json", "SageMaker CreateLabelingJob"),
  }));

out["sagemaker-processing"] = policyOf((stack) =>
  new sfn.CustomState(stack, "SageMaker CreateProcessingJob Sync", {
    stateJson: documentedTask("sagemaker-processing.asl.json", "SageMaker CreateProcessingJob Sync"),
  }));

out["_cdk_version"] = require("aws-cdk-lib/package.json").version;
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
