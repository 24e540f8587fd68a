using System.Globalization;
using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// What stamping a master as a template gave: a <see cref="CopyTemplate"/>, a rejection, or neither (stamped, no
/// template): a master whose output the template cannot replace placeholders in, whose copies take the qpdf path.
/// </summary>
internal sealed record TemplateBuild(StampStatus Status, RejectionReason? Rejection, string Message, CopyTemplate? Template);

/// <summary>
/// Decides which copies are written from a template and keeps the templates. The decision follows only from what
/// a copy's entity tag covers (the master, the line, the settings, the engine), never from what is cached: a copy
/// that can take the template path always does, its template built when it is not cached, so two stamps of one
/// purchase are the same bytes and a resumed download can splice them.
/// </summary>
internal sealed class CopyTemplates(StampingOptions options, FontLibrary fonts)
{
    private readonly TemplateCache _cache = new((long)options.TemplateCacheMegabytes << 20);

    /// <summary>
    /// The template for this copy, built if need be, with the shaped line and its text; null when the copy takes the
    /// qpdf path (a shaped script's embedded fonts, a master too large, or not a PDF).
    /// </summary>
    public (TemplateBuild Build, ShapedLine Line, string Text)? For(MasterSource master, StampRequest request)
    {
        StampJob.CheckFingerprint(request);
        if (master.Length > CopyTemplate.MaxMasterLength || !PdfSniffer.LooksLikePdf(master.Head))
        {
            return null;
        }
        var text = StampWording.LineFor(options, request);
        var line = ShapedLine.Shape(text, fonts);
        if (!CopyTemplate.Takes(line))
        {
            return null;
        }
        // Everything that changes the template: the master's bytes, the stamp fonts, the settings stamping reads.
        var key = string.Join('\n', Convert.ToHexStringLower(master.ContentHash()), CopyIdentity.EngineVersion,
            string.Join(',', line.Fonts.Select(f => f.ResourceName)), options.MaxPageContentBytes.ToString(CultureInfo.InvariantCulture));
        var build = _cache.GetOrBuild(key, () => Build(master, request));
        return build is { Status: StampStatus.Stamped, Template: null } ? null : (build, line, text);
    }

    private TemplateBuild Build(MasterSource master, StampRequest request)
    {
        var classes = new FooterClasses();
        using var job = StampJob.Prepare(master, request, options, fonts, classes);
        if (job.Status != StampStatus.Stamped)
        {
            return new TemplateBuild(job.Status, job.Rejection, job.Message, null);
        }
        try
        {
            var template = job.WriteTemplate(classes);
            job.Retire(null);
            return new TemplateBuild(StampStatus.Stamped, null, job.Message, template);
        }
        catch (QpdfException e)
        {
            using var failed = StampJob.Rejected(e);
            return new TemplateBuild(StampStatus.Rejected, failed.Rejection, failed.Message, null);
        }
        catch (Exception e) when (e is TemplateUnusableException or IndexOutOfRangeException or ArgumentOutOfRangeException
            or FormatException or OverflowException or InvalidDataException)
        {
            // qpdf's output is read with the narrowest parser that fits it: anything unexpected in it sends this
            // master's copies down the qpdf path (as the same master always would) rather than failing the download.
            return new TemplateBuild(StampStatus.Stamped, null, job.Message, null);
        }
    }
}

/// <summary>
/// Templates in memory, least recently used first out, within a budget (<c>Downloads:Stamping:TemplateCacheMegabytes</c>).
/// A template larger than the budget is built, used and dropped. Requests racing for one template wait for one build.
/// </summary>
internal sealed class TemplateCache(long budget)
{
    /// <summary>What remembering that a master takes the qpdf path costs, roughly.</summary>
    private const long MarkerSize = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, TemplateBuild Build, long Size)>> _entries = [];
    private readonly LinkedList<(string Key, TemplateBuild Build, long Size)> _recent = [];
    private readonly Dictionary<string, Lazy<TemplateBuild>> _building = [];
    private long _size;

    public long Size
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    public TemplateBuild GetOrBuild(string key, Func<TemplateBuild> build)
    {
        Lazy<TemplateBuild>? pending;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Build;
            }
            if (!_building.TryGetValue(key, out pending))
            {
                pending = _building[key] = new Lazy<TemplateBuild>(build, LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }
        try
        {
            return pending.Value;
        }
        finally
        {
            lock (_gate)
            {
                if (_building.TryGetValue(key, out var current) && current == pending)
                {
                    _building.Remove(key);
                    if (pending.IsValueCreated)
                    {
                        Keep(key, pending.Value);
                    }
                }
            }
        }
    }

    private void Keep(string key, TemplateBuild build)
    {
        // Rejections are not kept: a master that fails is rare, and its next download should say why again.
        var size = build.Template?.Size ?? MarkerSize;
        if (build.Status != StampStatus.Stamped || size > budget || _entries.ContainsKey(key))
        {
            return;
        }
        _entries[key] = _recent.AddFirst((key, build, size));
        _size += size;
        while (_size > budget && _recent.Last is { } oldest)
        {
            _recent.RemoveLast();
            _entries.Remove(oldest.Value.Key);
            _size -= oldest.Value.Size;
        }
    }
}
