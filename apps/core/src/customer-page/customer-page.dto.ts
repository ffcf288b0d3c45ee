import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CleanText, LANGUAGES, type Language } from '@plaint/contracts';

/** POST /api/v1/customer/sign-in-links: where to send a sign-in link. */
export class SignInLinkRequestDto {
  @ApiProperty({ description: 'An e-mail address or phone number the customer used with the company', example: 'aysel@example.az' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  contact!: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language of the link message; the page’s' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

/** POST /api/v1/customer/session: the token from the link, for a session. */
export class OpenSessionDto {
  @ApiProperty({ description: 'The token from the sign-in link (the part after #token=)' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

/** POST /api/v1/customer/complaints/:reference/messages: the customer writes to one of their complaints. */
export class CustomerMessageDto {
  @ApiProperty({ description: 'An answer to a request for details, or a question' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;

  @ApiProperty({ description: 'The page’s own id of this message: sending it again stores it once', example: '0b6f3c1e-9a7d-4c55-8d1e-3f0c2a9b7e41' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  clientMessageId!: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
