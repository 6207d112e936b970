using Ward.Core.Decisions;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>One principal's answer to a who-can question.</summary>
public sealed record GcpAccessAnswer(Member Principal, Decision Decision);
