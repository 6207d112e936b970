using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Queries;

/// <summary>Policies a question brings with it: the resource's own policy, a session policy.</summary>
public sealed record SuppliedPolicies(NamedPolicy? ResourcePolicy, NamedPolicy? SessionPolicy);
