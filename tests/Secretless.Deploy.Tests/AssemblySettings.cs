// The jsii runtime behind Amazon.CDK.Lib is one node process per test process and not thread-safe:
// two classes building CDK constructs at once corrupt its protocol. Run this assembly's tests serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
