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
