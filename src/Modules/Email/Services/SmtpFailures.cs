using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Storefront.Email.Services;

/// <summary>
/// Sorts what MailKit throws into "try again later" and "do not retry". RFC 5321: a 5yz reply is permanent, 4yz
/// transient; no reply at all (refused, reset, TLS handshake, timeout) means the server may well be back later.
/// </summary>
internal static class SmtpFailures
{
    public static EmailDeliveryException Classify(Exception exception, string server, int timeoutSeconds) => exception switch
    {
        SmtpCommandException command => Command(command, server),
        // MailKit turns the two login replies into exceptions of their own: 535 (every mechanism tried was refused)
        // and 530 (the server wants a login before MAIL FROM). The code is restored so callers see the reply.
        AuthenticationException => new PermanentEmailException(
            $"The SMTP server {server} refused the login: {exception.Message}{LoginHint}", SmtpStatusCode.AuthenticationInvalidCredentials, exception),
        ServiceNotAuthenticatedException => new PermanentEmailException(
            $"The SMTP server {server} requires a login: {exception.Message}{LoginHint}", SmtpStatusCode.AuthenticationRequired, exception),
        SslHandshakeException => new TransientEmailException(
            $"The TLS handshake with the SMTP server {server} failed (untrusted certificate, or the port speaks another protocol). " +
            "Check Email__Smtp__Port and Email__Smtp__Security.", null, exception),
        NotSupportedException => new TransientEmailException(
            $"The SMTP server {server} does not offer what the settings require: {exception.Message} Check Email__Smtp__Security.", null, exception),
        TimeoutException => new TransientEmailException($"The SMTP server {server} did not answer within {timeoutSeconds} s.", null, exception),
        SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException => new TransientEmailException(
            $"The SMTP server {server} could not be reached or hung up: no reply. {exception.Message}", null, exception),
        _ => new TransientEmailException($"Sending through the SMTP server {server} failed: {exception.Message}", null, exception),
    };

    private static EmailDeliveryException Command(SmtpCommandException exception, string server)
    {
        var code = (int)exception.StatusCode;
        var what = exception.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"The SMTP server {server} refused the recipient {exception.Mailbox?.Address}",
            SmtpErrorCode.SenderNotAccepted => $"The SMTP server {server} refused the sender {exception.Mailbox?.Address} (Email__From)",
            _ => $"The SMTP server {server} did not accept the message",
        };
        return code is >= 500 and < 600
            ? new PermanentEmailException($"{what}: {code} {exception.Message}{(code is 530 or 535 ? LoginHint : "")}", exception.StatusCode, exception)
            : new TransientEmailException($"{what}: {code} {exception.Message}", exception.StatusCode, exception);
    }

    // 530 and 535 are what providers answer to a missing or wrong login: point the operator at the settings.
    private const string LoginHint = " Check Email__Smtp__Username, Email__Smtp__Password and Email__Smtp__Security.";
}
