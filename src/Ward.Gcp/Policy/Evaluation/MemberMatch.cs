using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>How a binding's member stands to the principal asked about.</summary>
internal enum MemberMatchKind
{
    No,

    /// <summary>Only if a membership Ward does not know holds (a group, a pool's group or attribute).</summary>
    Possibly,
    Yes,
}

/// <summary>The result of matching a member: for a match other than by name, how (<see cref="How"/>); for a possible one, what must hold.</summary>
/// <remarks>
/// Who-can matches every candidate against every member of the bindings that may grant: the sentence is written
/// only when an explanation reads it, from the principal, a subject and a formatter that captures nothing.
/// </remarks>
internal readonly record struct MemberMatch
{
    private readonly string? _text;
    private readonly Member? _principal;
    private readonly string? _subject;
    private readonly string? _detail;
    private readonly Func<Member, string, string?, string>? _format;

    private MemberMatch(MemberMatchKind kind, string? text, Member? principal = null, string? subject = null, string? detail = null, Func<Member, string, string?, string>? format = null)
    {
        Kind = kind;
        _text = text;
        _principal = principal;
        _subject = subject;
        _detail = detail;
        _format = format;
    }

    public MemberMatchKind Kind { get; }

    public static MemberMatch No { get; } = new(MemberMatchKind.No, null);

    public static MemberMatch Named { get; } = new(MemberMatchKind.Yes, null);

    public string? How => Kind == MemberMatchKind.Yes ? Text : null;

    public string? Requirement => Kind == MemberMatchKind.Possibly ? Text : null;

    private string? Text => _text ?? _format?.Invoke(_principal!, _subject!, _detail);

    public static MemberMatch Through(string how) => new(MemberMatchKind.Yes, how);

    public static MemberMatch If(string requirement) => new(MemberMatchKind.Possibly, requirement);

    /// <summary>A match whose sentence <paramref name="format"/> writes on reading (pass a static lambda).</summary>
    public static MemberMatch Through(Member principal, string subject, string? detail, Func<Member, string, string?, string> format) =>
        new(MemberMatchKind.Yes, null, principal, subject, detail, format);

    /// <summary>A possible match whose requirement <paramref name="format"/> writes on reading (pass a static lambda).</summary>
    public static MemberMatch If(Member principal, string subject, string? detail, Func<Member, string, string?, string> format) =>
        new(MemberMatchKind.Possibly, null, principal, subject, detail, format);
}
