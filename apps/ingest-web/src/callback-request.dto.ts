import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '@plaint/contracts';

/** POST /api/v1/callback-requests: the "call me back" form. */
export class CallbackRequestDto {
  @IsString() @IsNotEmpty() @MaxLength(300) fullName!: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(300) employeeName?: string;
  @IsString() @IsNotEmpty() @MaxLength(5000) message!: string;
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
}
