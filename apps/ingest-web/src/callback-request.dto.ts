import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CleanName, CleanText, LANGUAGES, type Language } from '@plaint/contracts';

/** POST /api/v1/callback-requests: the "call me back" form. Names and texts are cleaned before they are checked. */
export class CallbackRequestDto {
  @CleanName() @IsString() @IsNotEmpty() @MaxLength(300) fullName!: string;
  @CleanText() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @CleanText() @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @CleanName() @IsOptional() @IsString() @MaxLength(300) employeeName?: string;
  @CleanText() @IsString() @IsNotEmpty() @MaxLength(5000) message!: string;
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

/** The answer to a call-me request: the reference at once, and when the customer will hear from us. */
export class CallbackRequestAccepted {
  @ApiProperty({ example: 'AB12-CD34-EF56' }) reference!: string;
  @ApiProperty({ enum: ['received'] }) status!: 'received';
  @ApiProperty({ format: 'date-time', description: 'The acceptance deadline: the end of a business day in the company’s time zone' })
  acceptBy!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'The latest the call comes (the acceptance deadline); null without a phone number: the answer comes in writing',
  })
  callBy!: string | null;
}
