using System.Net.Mail;

namespace Storefront.Email.Services;

/// <summary>Sorts SMTP failures into "try again later" and "do not retry", by the reply code's first digit.</summary>
internal static class SmtpFailures
{
    public static EmailDeliveryException Classify(SmtpException exception, string server)
    {
        var code = exception.StatusCode;
        var recipient = (exception as SmtpFailedRecipientException)?.FailedRecipient;
        var what = recipient is null
            ? $"The SMTP server {server} did not accept the message"
            : $"The SMTP server {server} refused the recipient {recipient}";

        // RFC 5321: 5yz is a permanent negative reply, 4yz transient. GeneralFailure (-1) means no reply at
        // all (connection refused, reset, TLS handshake): the server may well be back later.
        return (int)code is >= 500 and < 600
            ? new PermanentEmailException($"{what}: {(int)code} {exception.Message}{Hint(code)}", code, exception)
            : new TransientEmailException($"{what}: {Describe(code)} {exception.Message}", code == SmtpStatusCode.GeneralFailure ? null : code, exception);
    }

    // 530 and 535 are what providers answer to a missing or wrong login: point the operator at the settings.
    private static string Hint(SmtpStatusCode code) => (int)code is 530 or 535
        ? " Check Email__Smtp__Username, Email__Smtp__Password and Email__Smtp__EnableSsl."
        : "";

    private static string Describe(SmtpStatusCode code) => code == SmtpStatusCode.GeneralFailure ? "no reply." : $"{(int)code}";
}
