import type { Provider, Type } from '@nestjs/common';
import { AccountSecurityLogHttpController } from '../account-security-log/account-security-log.http.controller';
import { ChangePasswordHandler } from '../change-password/change-password.handler';
import { ChangePasswordHttpController } from '../change-password/change-password.http.controller';
import { DeactivateAccountHandler } from '../deactivate-account/deactivate-account.handler';
import { DeactivateAccountHttpController } from '../deactivate-account/deactivate-account.http.controller';
import { LoginSecondFactorHandler } from '../login/login-second-factor.handler';
import { LogoutHandler } from '../logout/logout.handler';
import { LogoutHttpController } from '../logout/logout.http.controller';
import { OfficeAccountsHttpController } from '../office-accounts/office-accounts.http.controller';
import { OfficeOfficersHttpController } from '../office-officers/office-officers.http.controller';
import { ResetPasswordHandler } from '../reset-password/reset-password.handler';
import { ResetPasswordHttpController } from '../reset-password/reset-password.http.controller';
import { SecondFactors } from '../totp/second-factors';
import { TotpEnrolmentHandler } from '../totp/totp-enrolment.handler';
import { TotpHttpController } from '../totp/totp.http.controller';

/**
 * The officers' account security in the gateway (ADR 0022) and their second factor (ADR 0027):
 * the use cases that need nothing from the configuration. What does (the limits, the keys, the
 * policy) is provided by GatewayModule itself.
 */
export const ACCOUNT_SECURITY: { controllers: Type[]; providers: Provider[] } = {
  controllers: [
    LogoutHttpController,
    ChangePasswordHttpController,
    AccountSecurityLogHttpController,
    OfficeAccountsHttpController,
    OfficeOfficersHttpController,
    ResetPasswordHttpController,
    DeactivateAccountHttpController,
    TotpHttpController,
  ],
  providers: [LogoutHandler, ChangePasswordHandler, ResetPasswordHandler, DeactivateAccountHandler, SecondFactors, LoginSecondFactorHandler, TotpEnrolmentHandler],
};
