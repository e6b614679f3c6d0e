using Microsoft.EntityFrameworkCore;
using SecureBase.Notifications;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<MailRelay> MailRelays => Set<MailRelay>();
    internal DbSet<EmailChoice> EmailChoices => Set<EmailChoice>();
    internal DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();
}
