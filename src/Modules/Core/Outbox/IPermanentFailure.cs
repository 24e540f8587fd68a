namespace Storefront.Core.Outbox;

/// <summary>
/// Marks an exception a handler throws when the same work can never succeed as it is (a mail server's 5xx
/// reply, an invalid address): the outbox then records the message as failed at once instead of retrying it.
/// A marker rather than a base class, so a module keeps its own exception hierarchy (transient and permanent
/// email failures share one base that callers catch).
/// </summary>
public interface IPermanentFailure;
